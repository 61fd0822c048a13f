import { describe, expect } from 'vitest';
import { ISSUE, PLAN, pullsFor, redThenGreen, runImplement, scriptAgent, test } from '../implement/scenario.js';

// Runner emulation of the bundled implement: issue text that reaches the pull request through the model.

const MENTIONS = '@alice and @acme/security';
const PIXEL = '![status](https://tracker.example/pixel.png?u=1)';

describe('bundled implement: the pull request body passes the outbound gate', { timeout: 180_000 }, () => {
  test('mentions and remote images from the issue, echoed by the model, neither notify nor load; the rest is kept', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, body: `${ISSUE.body}\n\ncc ${MENTIONS} ${PIXEL}`, labels: ['roadmap'] });
    const loop = redThenGreen();
    loop[loop.length - 1] = { toolCalls: [{ name: 'finish', arguments: { summary: `Grouped thousands as ${MENTIONS} asked ${PIXEL}` } }] };
    scriptAgent(model, {
      loop,
      plan: { ...PLAN, problem: `${PLAN.problem} Requested by ${MENTIONS}. ${PIXEL}`, steps: [`Ping ${MENTIONS} ${PIXEL}`, ...PLAN.steps] },
    });

    const run = await runImplement({ gh, model, workspace });

    expect(run.exitCode).toBe(0);
    const number = pullsFor(gh)[0]?.number ?? 0;
    const body = gh.state.issue(number)?.body ?? '';
    // Outside code, no `@name` GitHub would notify and no image syntax that loads.
    const prose = body.replace(/`[^`\n]*`/g, '');
    expect(prose).not.toMatch(/(^|[^\w`])@(alice|acme)/m);
    expect(body).not.toMatch(/!\[[^\]]*\]\(/);
    expect(body).toContain('`@alice`');
    expect(body).toContain('https://tracker.example/pixel.png?u=1');
    // Control: the ordinary parts of the plan are there as written.
    expect(body).toContain('Group the integer part with commas');
    expect(body).toContain(`Fixes #${issue.number}`);
  });
});

import { readFileSync } from 'node:fs';
import type { Log } from 'sarif';
import { afterEach, describe, expect, it } from 'vitest';
import { SUGGESTION_MARKER_KIND } from '../../src/core/contracts.js';
import { formatMarker } from '../../src/core/marker.js';
import { locationKey, normaliseCode } from '../../src/review/fingerprint.js';
import type { ScriptedReply } from '../../src/emulators/model/index.js';
import { checkRunsOf, everythingWritten, securityIssues, startScenario, type Scenario } from '../ciso/scenario.js';
import { fake } from '../scan/secret-samples.js';

// Runner emulation with the model emulator behind the real OpenAI SDK (npm run build first).

const TOKEN = fake.githubToken(601);
const ORDERS = [
  "import { db } from './db.js';",
  '',
  `const API_TOKEN = "${TOKEN}";`,
  '',
  'export async function order(req: Request) {',
  '  const id = req.params.id;',
  '  return db.query(`SELECT * FROM orders WHERE id = ${id}`);',
  '}',
  'export async function deleteOrder(req: Request) {',
  '  return db.orders.delete(req.params.id);',
  '}',
  '',
].join('\n');

function reply(findings: Array<Record<string, unknown>>): ScriptedReply {
  return { toolCalls: [{ name: 'report_findings', arguments: { findings } }] };
}

const AUTHZ = {
  file: 'src/orders.ts',
  line: 10,
  severity: 'high',
  category: 'authorization',
  title: 'Any caller can delete any order',
  body: 'deleteOrder does not check that the caller owns the order.',
  snippet: 'return db.orders.delete(req.params.id);',
  confidence: 0.93,
};
const UNSURE = {
  file: 'src/orders.ts',
  line: 6,
  severity: 'medium',
  category: 'data-exposure',
  title: 'Order id might be logged',
  body: 'Maybe.',
  confidence: 0.4,
};
const SQL_AGAIN = {
  file: 'src/orders.ts',
  line: 7,
  severity: 'high',
  category: 'injection',
  title: 'SQL injection in order()',
  body: 'The id is interpolated into SQL.',
  snippet: 'return db.query(`SELECT * FROM orders WHERE id = ${id}`);',
  confidence: 0.99,
};

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.close();
  scenario = undefined;
});

describe('bundled ciso-review: the model pass', { timeout: 120_000 }, () => {
  it('sends a redacted diff with the scanner findings as context, drops low-confidence findings and repeats, and a rerun writes nothing', async () => {
    scenario = await startScenario({ head: { 'src/orders.ts': ORDERS }, withModel: true });
    const model = scenario.model;
    if (!model) throw new Error('no model emulator');
    model.script([reply([AUTHZ, UNSURE, SQL_AGAIN])]);

    const run = await scenario.run();

    expect(run.exitCode).toBe(1);
    expect(model.requests).toHaveLength(1);
    const request = model.requests[0];
    expect(request?.temperature).toBe(0.1);
    expect(request?.system).toContain('application-security engineer');
    const sent = JSON.stringify(request?.body);
    expect(sent).not.toContain(TOKEN);
    expect(sent).toContain('ghp_…[redacted]');
    expect(sent).toContain('findings of the deterministic scanner');
    expect(sent).toContain('secret/github-token');

    expect(run.outputs['vulnerabilities-found']).toBe('3');
    const log = JSON.parse(readFileSync(run.outputs['sarif-file'] ?? '', 'utf8')) as Log;
    const results = (log.runs[0]?.results ?? []).map((result) => [
      result.ruleId,
      result.locations?.[0]?.physicalLocation?.region?.startLine,
      result.properties?.confidence,
    ]);
    expect(results).toEqual([
      ['secret/github-token', 3, undefined],
      ['js/sql-injection', 7, undefined],
      ['model/authorization', 10, 0.93],
    ]);
    expect(run.summary).toContain('confidence 0.4 is below 0.8');
    expect(everythingWritten(scenario, run).includes(TOKEN)).toBe(false);

    // The same head again: nothing new to say, nothing written, no model call.
    scenario.gh.resetRequests();
    const again = await scenario.run();
    expect(scenario.gh.writes()).toEqual([]);
    expect(model.requests).toHaveLength(1);
    expect(again.outputs['should-block']).toBe('true');
    expect(again.outputs['vulnerabilities-found']).toBe('3');
    const rerunLog = JSON.parse(readFileSync(again.outputs['sarif-file'] ?? '', 'utf8')) as Log;
    expect(rerunLog.runs[0]?.results?.map((result) => result.ruleId)).toEqual(['secret/github-token', 'js/sql-injection', 'model/authorization']);
  });

  it('a min-confidence input can only lower the bar: 0.3 keeps the unsure finding', async () => {
    scenario = await startScenario({ head: { 'src/orders.ts': ORDERS }, withModel: true });
    scenario.model?.script([reply([AUTHZ, UNSURE])]);
    const run = await scenario.run({ inputs: { 'min-confidence': '0.3' } });
    expect(run.outputs['vulnerabilities-found']).toBe('4');
  });

  it('when the model fails, the deterministic findings are still posted and still block', async () => {
    scenario = await startScenario({ head: { 'src/orders.ts': ORDERS }, withModel: true });
    scenario.model?.faults.add({ status: 401, times: Infinity });
    const run = await scenario.run();
    expect(run.exitCode).toBe(1);
    expect(run.outputs['should-block']).toBe('true');
    expect(run.outputs['vulnerabilities-found']).toBe('2');
    expect(run.summary).toContain('the model pass failed');
    expect(checkRunsOf(scenario)[0]?.conclusion).toBe('failure');
  });
});

describe('bundled ciso-review: de-duplication against cto-review', { timeout: 120_000 }, () => {
  it('raises no [Security] issue for code that already has an open cto-review suggestion at the same location', async () => {
    scenario = await startScenario({ head: { 'src/orders.ts': ORDERS } });
    const line = '  return db.query(`SELECT * FROM orders WHERE id = ${id}`);';
    const marker = {
      fingerprint: 'cto-0000000000000',
      source: 'cto-review',
      severity: 'high',
      category: 'correctness',
      prs: [scenario.pullNumber],
      file: 'src/orders.ts',
      location: locationKey('src/orders.ts', normaliseCode(line)),
    };
    scenario.gh.state.addIssue({
      title: '[CTO Suggestion] Query built by string interpolation',
      body: `Found by the CTO review.\n\n${formatMarker(SUGGESTION_MARKER_KIND, marker)}`,
      labels: ['agent-suggestion', 'needs-approval', 'severity-high', 'source:cto-review'],
      user: 'github-actions[bot]',
    });

    const run = await scenario.run();

    expect(run.outputs['vulnerabilities-found']).toBe('2');
    // The secret gets its own issue; the SQL finding is the cto-review suggestion's, not a second one.
    expect(securityIssues(scenario).map((issue) => issue.title)).toEqual(['[Security] GitHub token committed in src/orders.ts']);
  });
});

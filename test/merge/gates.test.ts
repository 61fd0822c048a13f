import { describe, expect, it } from 'vitest';
import type { MergeFacts } from '../../src/merge/facts.js';
import type { Evaluation, GateName } from '../../src/merge/gate.js';
import { evaluateGates } from '../../src/merge/gates.js';
import { ALICE, BOB, BOT, HEAD, OLD_HEAD, checkRun, reviewRun, gateSettings, goodFacts, reviewSummary, withReviewChecks } from './facts-builder.js';

function gate(evaluation: Evaluation, name: GateName) {
  const found = evaluation.gates.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name} gate`);
  return found;
}

function evaluate(change: (facts: MergeFacts) => void, settings = gateSettings()): Evaluation {
  const facts = goodFacts();
  change(facts);
  return evaluateGates(withReviewChecks(facts), settings);
}

describe('evaluateGates: the happy path', () => {
  it('merges when every gate holds, reporting every gate in a fixed order', () => {
    const evaluation = evaluateGates(withReviewChecks(goodFacts()), gateSettings());
    expect(evaluation.verdict).toBe('merge');
    expect(evaluation.headSha).toBe(HEAD);
    expect(evaluation.reason).toBe('every gate holds');
    expect(evaluation.gates.map((item) => item.name)).toEqual([
      'state',
      'branch',
      'author',
      'draft',
      'labels',
      'reviews',
      'agent-reviews',
      'checks',
      'mergeable',
      'paths',
    ]);
    expect(evaluation.gates.every((item) => item.status === 'pass')).toBe(true);
  });
});

describe('state', () => {
  it('refuses a closed or merged pull request', () => {
    expect(
      gate(
        evaluate((f) => (f.pull.state = 'closed')),
        'state',
      ),
    ).toMatchObject({ status: 'fail', reason: 'closed without merging' });
    expect(
      gate(
        evaluate((f) => (f.pull.merged = true)),
        'state',
      ),
    ).toMatchObject({ status: 'fail', reason: 'already merged' });
  });

  it('waits when the branch moved while it was read (commits or a later read end elsewhere)', () => {
    const listed = evaluate((f) => {
      f.commits.push({ sha: 'c'.repeat(40), author: BOT, authorEmail: null, committer: BOT, verified: true });
      f.pull.commitCount = 3;
    });
    expect(listed.verdict).toBe('wait');
    expect(gate(listed, 'state').reason).toMatch(/branch moved while it was read \(head aaaaaaa, now ccccccc\)/);
    const reread = evaluate((f) => (f.headSeenLater = 'd'.repeat(40)));
    expect(gate(reread, 'state')).toMatchObject({ status: 'wait' });
  });
});

describe('branch', () => {
  it('refuses a branch outside the pattern', () => {
    const evaluation = evaluate((f) => (f.pull.headRef = 'feature/x'));
    expect(evaluation.verdict).toBe('refuse');
    expect(gate(evaluation, 'branch').reason).toBe('head branch `feature/x` does not match `automated/*`');
  });

  it('refuses a fork whose branch is named like an agent branch', () => {
    const evaluation = evaluate((f) => (f.pull.headRepo = 'mallory/widgets'));
    expect(evaluation.verdict).toBe('refuse');
    expect(gate(evaluation, 'branch').reason).toMatch(/comes from the fork `mallory\/widgets`/);
  });

  it('fails closed when the head repository is gone', () => {
    expect(
      gate(
        evaluate((f) => (f.pull.headRepo = null)),
        'branch',
      ),
    ).toMatchObject({ status: 'fail', reason: expect.stringMatching(/no longer exists/) });
  });

  it('needs every pattern to match (an input can only narrow the policy)', () => {
    const narrowed = gateSettings({ branchPatterns: ['automated/*', 'automated/9*'] });
    expect(
      gate(
        evaluate(() => undefined, narrowed),
        'branch',
      ),
    ).toMatchObject({ status: 'fail', reason: expect.stringMatching(/does not match `automated\/9\*`/) });
    expect(
      gate(
        evaluate((f) => (f.pull.headRepo = 'ACME/Widgets')),
        'branch',
      ).status,
    ).toBe('pass');
  });

  it('does not let `*` cross a slash', () => {
    expect(
      gate(
        evaluate((f) => (f.pull.headRef = 'automated/x/../../main')),
        'branch',
      ).status,
    ).toBe('fail');
  });
});

describe('author', () => {
  it('refuses a pull request opened by someone else, even with the bot login', () => {
    const impostor = evaluate((f) => (f.pull.author = { login: 'github-actions[bot]', id: 666, type: 'Bot' }));
    expect(impostor.verdict).toBe('refuse');
    expect(gate(impostor, 'author').reason).toMatch(/opened by `github-actions\[bot\]` \(Bot 666\), not by `github-actions\[bot\]`: a human must merge/);
    expect(
      gate(
        evaluate((f) => (f.pull.author = null)),
        'author',
      ).reason,
    ).toMatch(/a deleted account/);
  });

  it('refuses when a human pushed a commit: a human must merge', () => {
    const evaluation = evaluate((f) => {
      const first = f.commits[0];
      if (first) f.commits[0] = { ...first, author: ALICE, authorEmail: 'alice@example.com' };
    });
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toBe('author: commit bbbbbbb was authored by `alice`, not `github-actions[bot]`: a human must merge');
  });

  it('counts a commit as the bot’s only when GitHub verified it and the bot authored and committed it', () => {
    // A person can push a commit naming the bot's noreply address: GitHub then shows the bot as its author.
    const unsigned = evaluate((f) => {
      const last = f.commits.at(-1);
      if (last) last.verified = false;
    });
    expect(gate(unsigned, 'author')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/commit aaaaaaa names `github-actions\[bot\]` as its author but is not verified/),
    });
    const committedByAlice = evaluate((f) => {
      for (const commit of f.commits) commit.committer = ALICE;
    });
    expect(gate(committedByAlice, 'author').reason).toMatch(/was committed by `alice`/);
    const unmapped = evaluate((f) => {
      for (const commit of f.commits) commit.author = null;
    });
    expect(gate(unmapped, 'author')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/authored by `41898282\+github-actions\[bot\]@users.noreply.github.com`/),
    });
    // Control: verified, authored and committed by the bot.
    expect(
      gate(
        evaluate(() => undefined),
        'author',
      ),
    ).toMatchObject({ status: 'pass', reason: expect.stringContaining('verified') });
  });

  it('fails closed when not every commit could be read', () => {
    const evaluation = evaluate((f) => (f.pull.commitCount = 300));
    expect(gate(evaluation, 'author').reason).toMatch(/only 2 of 300 commits could be read/);
  });
});

describe('draft and labels', () => {
  it('refuses a draft', () => {
    const evaluation = evaluate((f) => (f.pull.draft = true));
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toMatch(/^draft: the pull request is a draft/);
  });

  it('refuses do-not-merge and agent:blocked, in any case', () => {
    expect(evaluate((f) => f.pull.labels.push('do-not-merge')).reason).toBe('labels: labelled `do-not-merge`');
    expect(evaluate((f) => f.pull.labels.push('Agent:Blocked')).verdict).toBe('refuse');
  });
});

describe('human reviews', () => {
  const review = (id: number, user: typeof ALICE | null, state: string, commitId: string = HEAD) => ({ id, user, state, commitId });

  it('refuses while a reviewer requests changes, counting only each reviewer’s latest verdict', () => {
    const evaluation = evaluate((f) => f.reviews.push(review(1, ALICE, 'APPROVED'), review(2, ALICE, 'CHANGES_REQUESTED'), review(3, ALICE, 'COMMENTED')));
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toBe('reviews: changes requested by `alice`');
  });

  it('lets a later approval or dismissal lift a request for changes', () => {
    expect(
      gate(
        evaluate((f) => f.reviews.push(review(1, ALICE, 'CHANGES_REQUESTED'), review(2, ALICE, 'APPROVED'))),
        'reviews',
      ).status,
    ).toBe('pass');
    expect(
      gate(
        evaluate((f) => f.reviews.push(review(1, ALICE, 'CHANGES_REQUESTED'), review(2, ALICE, 'DISMISSED'))),
        'reviews',
      ).status,
    ).toBe('pass');
  });

  it('counts required approvals only from writers, on the current head, from people', () => {
    const settings = gateSettings({ requiredApprovals: 1 });
    expect(evaluate(() => undefined, settings).verdict).toBe('wait');
    const stale = evaluate((f) => {
      f.reviews.push(review(1, ALICE, 'APPROVED', OLD_HEAD));
      f.permissions = { alice: 'write' };
    }, settings);
    expect(gate(stale, 'reviews')).toMatchObject({ status: 'wait', reason: '0 of 1 required approvals from writers on head aaaaaaa' });
    const reader = evaluate((f) => {
      f.reviews.push(review(1, BOB, 'APPROVED'));
      f.permissions = { bob: 'read' };
    }, settings);
    expect(gate(reader, 'reviews').status).toBe('wait');
    const bot = evaluate((f) => {
      f.reviews.push(review(1, BOT, 'APPROVED'));
      f.permissions = { 'github-actions[bot]': 'write' };
    }, settings);
    expect(gate(bot, 'reviews').status).toBe('wait');
    const writer = evaluate((f) => {
      f.reviews.push(review(1, ALICE, 'APPROVED'));
      f.permissions = { alice: 'maintain' };
    }, settings);
    expect(gate(writer, 'reviews')).toMatchObject({ status: 'pass', reason: 'no changes requested; 1 of 1 required approvals from writers on head aaaaaaa' });
    expect(writer.verdict).toBe('merge');
  });
});

describe('agent reviews', () => {
  function withReview(name: string, changes: Parameters<typeof checkRun>[1] | null) {
    return (facts: MergeFacts) => {
      facts.checkRuns = facts.checkRuns.filter((run) => run.name !== name);
      if (changes) facts.checkRuns.push(checkRun(name, changes));
    };
  }

  it('refuses when cto-review blocks, by conclusion or by its marker', () => {
    const failed = evaluate(withReview('agentic/cto-review', { conclusion: 'failure', summary: reviewSummary({ shouldBlock: true }) }));
    expect(failed.verdict).toBe('refuse');
    expect(failed.reason).toBe('agent-reviews: `agentic/cto-review` blocks the merge');
    const marked = evaluate(withReview('agentic/cto-review', { summary: reviewSummary({ shouldBlock: true }) }));
    expect(marked.verdict).toBe('refuse');
  });

  it('waits when ciso-review has no result for the current head (one for an older commit does not count)', () => {
    const evaluation = evaluate(withReview('agentic/ciso-review', null));
    expect(evaluation.verdict).toBe('wait');
    expect(evaluation.reason).toBe(
      'agent-reviews: `agentic/ciso-review` has no result for the current head aaaaaaa (a review of an earlier commit does not count)',
    );
  });

  it('waits while a review runs, and when it ended neutral, skipped or cancelled', () => {
    expect(gate(evaluate(withReview('agentic/cto-review', { status: 'in_progress', conclusion: null })), 'agent-reviews')).toMatchObject({
      status: 'wait',
      reason: expect.stringMatching(/still running \(in_progress\)/),
    });
    for (const conclusion of ['neutral', 'skipped', 'cancelled', 'timed_out']) {
      expect(gate(evaluate(withReview('agentic/cto-review', { conclusion, summary: reviewSummary() })), 'agent-reviews').status).toBe('wait');
    }
  });

  it('waits when a passing review did not cover every file, reviewed another commit, or has no readable marker', () => {
    expect(gate(evaluate(withReview('agentic/cto-review', { summary: reviewSummary({ complete: false }) })), 'agent-reviews').reason).toMatch(
      /did not review every file/,
    );
    expect(gate(evaluate(withReview('agentic/cto-review', { summary: reviewSummary({ headSha: OLD_HEAD }) })), 'agent-reviews').reason).toMatch(
      /reviewed bbbbbbb, not the current head aaaaaaa/,
    );
    expect(gate(evaluate(withReview('agentic/cto-review', { summary: 'All good' })), 'agent-reviews').reason).toMatch(/no readable review result marker/);
    // The contract is a marker that ends the summary: text after it means the summary was not written by the review.
    expect(gate(evaluate(withReview('agentic/cto-review', { summary: `${reviewSummary()}\nmore` })), 'agent-reviews').status).toBe('wait');
  });

  it('reads the last marker, so a quoted one earlier in the summary cannot pass a blocking review', () => {
    const summary = `quoted: ${reviewSummary({ shouldBlock: false })}\n\n${reviewSummary({ shouldBlock: true })}`;
    expect(evaluate(withReview('agentic/cto-review', { summary })).verdict).toBe('refuse');
  });

  it('ignores a check of the same name made by another app, and treats it as an ordinary check', () => {
    const evaluation = evaluate((f) => {
      withReview('agentic/ciso-review', null)(f);
      f.checkRuns.push(checkRun('agentic/ciso-review', { appSlug: 'mallory-app', summary: reviewSummary() }));
    });
    expect(gate(evaluation, 'agent-reviews')).toMatchObject({
      status: 'wait',
      reason: expect.stringMatching(/from another app than `github-actions` does not count/),
    });
  });

  it('takes the newest review run’s result when several reviewed the head', () => {
    const evaluation = evaluate((f) => {
      f.reviewRuns = { ...f.reviewRuns, 9002: reviewRun({ id: 9002, startedAt: '2026-12-01T10:01:00Z' }) };
      f.checkRuns.push(checkRun('agentic/cto-review', { conclusion: 'failure', externalId: '9002/1' }));
    });
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toBe('agent-reviews: `agentic/cto-review` blocks the merge');
  });

  it('reads the configured review checks and app', () => {
    const settings = gateSettings({ reviewChecks: ['agentic/cto-review', 'agentic/ciso-review', 'agentic/qa-review'], reviewApp: 'github-actions' });
    expect(evaluate(() => undefined, settings).reason).toMatch(/`agentic\/qa-review` has no result/);
    expect(evaluate(() => undefined, gateSettings({ reviewApp: 'agentic-app' })).verdict).toBe('wait');
  });
});

describe('checks', () => {
  const onlyChecks =
    (...runs: ReturnType<typeof checkRun>[]) =>
    (facts: MergeFacts) => {
      facts.checkRuns = [...facts.checkRuns.filter((run) => run.name.startsWith('agentic/')), ...runs];
    };

  it('refuses when no check ran besides the agents’ own: no green by omission', () => {
    const evaluation = evaluate(onlyChecks());
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toBe("checks: no check besides the agents' own passed or ran on head aaaaaaa: no checks is not green (min-checks 1)");
  });

  it('does not count skipped, neutral or agentic/* checks as evidence', () => {
    expect(evaluate(onlyChecks(checkRun('lint', { conclusion: 'skipped' }), checkRun('agentic/other'))).verdict).toBe('refuse');
    expect(evaluate(onlyChecks(checkRun('lint', { conclusion: 'neutral' }), checkRun('test'))).verdict).toBe('merge');
  });

  it('waits while one check is pending, and never merges', () => {
    const evaluation = evaluate(onlyChecks(checkRun('test'), checkRun('build', { status: 'in_progress', conclusion: null })));
    expect(evaluation.verdict).toBe('wait');
    expect(evaluation.reason).toBe('checks: 1 check still running on head aaaaaaa: `build`');
    expect(evaluate((f) => f.statuses.push({ context: 'ci/jenkins', state: 'pending' })).verdict).toBe('wait');
  });

  it('refuses when one check failed, whatever else passed', () => {
    const evaluation = evaluate(
      onlyChecks(checkRun('test'), checkRun('build', { conclusion: 'failure' }), checkRun('e2e', { status: 'queued', conclusion: null })),
    );
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toBe('checks: 1 check failed on head aaaaaaa: `build` (failure)');
    for (const conclusion of ['cancelled', 'timed_out', 'action_required', 'stale']) {
      expect(evaluate(onlyChecks(checkRun('test'), checkRun('build', { conclusion }))).verdict).toBe('refuse');
    }
    expect(evaluate((f) => f.statuses.push({ context: 'ci/jenkins', state: 'error' })).verdict).toBe('refuse');
  });

  it('counts commit statuses as checks', () => {
    const evaluation = evaluate((f) => {
      onlyChecks()(f);
      f.statuses.push({ context: 'ci/jenkins', state: 'success' }, { context: 'agentic/note', state: 'success' });
    });
    expect(gate(evaluation, 'checks')).toMatchObject({
      status: 'pass',
      reason: expect.stringMatching(
        /^1 check green on head aaaaaaa; CI is not enforced by the repository: no ruleset or branch protection on the base branch requires a status check and required-checks is empty/,
      ),
    });
  });

  it('needs min-checks checks', () => {
    expect(evaluate(() => undefined, gateSettings({ minChecks: 2 })).reason).toBe('checks: only 1 of the required 2 checks ran on head aaaaaaa');
    expect(evaluate(onlyChecks(checkRun('a'), checkRun('b')), gateSettings({ minChecks: 2 })).verdict).toBe('merge');
  });

  it('does not wait for the unfinished jobs of its own workflow run, but still needs them green once finished', () => {
    const own = checkRun('auto-merge', { status: 'in_progress', conclusion: null, detailsUrl: 'https://github.com/acme/widgets/actions/runs/77/job/5' });
    const settings = gateSettings({ runId: 77 });
    const evaluation = evaluate(onlyChecks(checkRun('test'), own), settings);
    expect(evaluation.verdict).toBe('merge');
    expect(gate(evaluation, 'checks').reason).toMatch(/not counted: `auto-merge` of this workflow run/);
    expect(evaluate(onlyChecks(checkRun('test'), own), gateSettings({ runId: 7 })).verdict).toBe('wait');
    const failedOwn = checkRun('lint', { conclusion: 'failure', htmlUrl: 'https://github.com/acme/widgets/actions/runs/77/job/6' });
    expect(evaluate(onlyChecks(checkRun('test'), failedOwn), settings).verdict).toBe('refuse');
  });
});

describe('mergeable', () => {
  it.each([
    ['clean', 'pass'],
    ['has_hooks', 'pass'],
    ['dirty', 'fail'],
    ['unstable', 'fail'],
    ['draft', 'fail'],
    ['blocked', 'wait'],
    ['behind', 'wait'],
    ['unknown', 'wait'],
    [null, 'wait'],
    ['something-new', 'wait'],
  ] as const)('mergeable_state %s → %s', (state, status) => {
    expect(
      gate(
        evaluate((f) => (f.pull.mergeableState = state)),
        'mergeable',
      ).status,
    ).toBe(status);
  });

  it('says how often it read an unknown state', () => {
    expect(
      gate(
        evaluate((f) => ((f.pull.mergeableState = null), (f.pullReads = 4))),
        'mergeable',
      ).reason,
    ).toBe('GitHub had not computed mergeability after 4 reads');
  });
});

describe('paths', () => {
  it('refuses a pull request touching .github/workflows/', () => {
    const evaluation = evaluate((f) => f.files.push({ filename: '.github/workflows/ci.yml', previousFilename: null }));
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toBe('paths: touches require-human paths: `.github/workflows/ci.yml` (`.github/**`): a human must merge');
  });

  it('counts the old name of a renamed file, and matches case-insensitively', () => {
    expect(evaluate((f) => f.files.push({ filename: 'docs/ci.yml', previousFilename: '.github/workflows/ci.yml' })).verdict).toBe('refuse');
    expect(evaluate((f) => f.files.push({ filename: 'actions/x/Action.yml', previousFilename: null })).verdict).toBe('refuse');
  });

  it('makes manifests and lockfiles require a human only when a review reports new dependencies', () => {
    const versions = {
      before: '{"version":"1.0.0","dependencies":{"zod":"^4.0.0"}}',
      after: '{"version":"1.1.0","dependencies":{"zod":"^4.1.0","left-pad":"^1.3.0"}}',
    };
    const touchesManifest = (f: MergeFacts) => f.files.push({ filename: 'package.json', previousFilename: null, versions });
    expect(evaluate(touchesManifest).verdict).toBe('merge');
    const withDeps = evaluate((f) => {
      touchesManifest(f);
      const ciso = f.checkRuns.find((run) => run.name === 'agentic/ciso-review');
      if (ciso) ciso.summary = reviewSummary({ newDependencies: ['left-pad'] });
    });
    expect(withDeps.verdict).toBe('refuse');
    expect(withDeps.reason).toMatch(/`package.json` \(`\*\*\/package.json`\); new dependencies reported: `left-pad`: a human must merge/);
  });

  it('refuses a package.json whose scripts change, and one whose content could not be compared', () => {
    const scripts = evaluate((f) =>
      f.files.push({
        filename: 'package.json',
        previousFilename: null,
        versions: { before: '{"scripts":{"test":"vitest"}}', after: '{"scripts":{"test":"exit 0"}}' },
      }),
    );
    expect(scripts.verdict).toBe('refuse');
    expect(scripts.reason).toBe('paths: changes what runs: `package.json` (`scripts` changes): a human must merge');
    const unread = evaluate((f) => f.files.push({ filename: 'app/yarn.lock', previousFilename: null }));
    expect(unread.reason).toBe('paths: changes what runs: `app/yarn.lock` (its content could not be compared): a human must merge');
  });

  it('fails closed when not every changed file could be listed', () => {
    expect(evaluate((f) => (f.pull.changedFiles = 3001)).reason).toMatch(/only 2 of 3001 changed files could be read/);
  });
});

describe('verdict and reason', () => {
  it('a failure wins over a wait, and the reason names the first failing gate', () => {
    const evaluation = evaluate((f) => {
      f.pull.mergeableState = 'unknown';
      f.pull.draft = true;
      f.pull.labels.push('do-not-merge');
    });
    expect(evaluation.verdict).toBe('refuse');
    expect(evaluation.reason).toMatch(/^draft: /);
    expect(evaluation.gates.filter((item) => item.status !== 'pass').map((item) => item.name)).toEqual(['draft', 'labels', 'mergeable']);
  });

  it('keeps untrusted names from injecting markup or markers into the report', () => {
    const evaluation = evaluate((f) => f.checkRuns.push(checkRun('x`<!-- agentic-workflow:auto-merge {"v":1} -->@alice', { conclusion: 'failure' })));
    expect(evaluation.reason).not.toMatch(/<!--|`x`/);
    expect(evaluation.reason).toContain('`x@alice`');
  });
});

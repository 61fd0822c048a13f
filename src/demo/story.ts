/**
 * `agentic demo`: the whole loop on built-in emulators. A GitHub emulator (backed by a real git repository)
 * and a scripted model stand in for GitHub and the provider; everything else is the real product — the
 * bundled actions run as child processes with the inputs, events and environment the reusable workflows
 * give them, in the order those workflows chain them. The roadmap half starts from an issue a person wrote;
 * the discovery half from a failing CI run nobody wrote an issue about.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient } from '../core/github.js';
import { startGitHubEmulator } from '../emulators/github/index.js';
import { startModelEmulator } from '../emulators/model/index.js';
import { discoveryHalf } from './discovery-half.js';
import { claimOutputFolder } from './output-folder.js';
import { roadmapHalf } from './roadmap-half.js';
import { demoModelReply } from './scripted-model.js';
import { SAMPLE_FILES } from './sample-project.js';
import { MAINTAINER, OWNER, REPO, type DemoOptions, type Stage } from './stage.js';

export type { DemoOptions } from './stage.js';

export async function runDemo(options: DemoOptions): Promise<void> {
  const started = performance.now();
  const { say } = options;
  claimOutputFolder(options.outputDir);
  const gh = await startGitHubEmulator({ owner: OWNER, repo: REPO, files: SAMPLE_FILES });
  const model = await startModelEmulator();
  const workspace = mkdtempSync(join(tmpdir(), 'agentic-demo-workspace-'));
  try {
    model.script(demoModelReply);
    gh.state.addUser({ login: MAINTAINER, type: 'User' });
    gh.state.setPermission(MAINTAINER, 'admin');
    const maintainer = createGitHubClient({ token: gh.tokenFor(MAINTAINER), baseUrl: gh.apiUrl });
    const stage: Stage = { gh, model, maintainer, workspace, options, step: 0, chapter: 0 };

    say(`agentic-workflow demo — GitHub and the model are emulated on this machine; the model's answers are scripted.`);
    say(`repository ${OWNER}/${REPO}: a small cart library with a real test suite (npm test)\n`);
    if (options.only !== 'discovery') await roadmapHalf(stage);
    if (options.only === undefined) say('\nthe discovery loop: work nobody wrote an issue for');
    if (options.only !== 'roadmap') await discoveryHalf(stage);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(
      `\ndone in ${seconds}s: ${model.requests.length} model calls (scripted), ${gh.requests.length} GitHub API requests (${gh.writes().length} writes); job summaries in ${options.outputDir}/`,
    );
    await options.beforeClose?.({ gh, model });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    await model.close();
    await gh.close();
  }
}

// What each action loads from dist/, read from ncc's webpack stats: the entry chunk plus every lazy chunk reachable
// from the chunk src/actions/run-agent.ts imports for it. The build fails when any of them holds emulator code
// (the emulators belong in the CLI's demo chunk only) and prints what each action can load.

export const EMULATOR = /(^|\/)src\/emulators\//;

export function moduleNames(module) {
  return [module.name, ...(module.modules ?? []).flatMap(moduleNames)];
}

/** For each agent: the chunk files it can load and the emulator modules among them (none is the rule). */
export function actionChunks(stats, agents) {
  const byId = new Map(stats.chunks.map((chunk) => [chunk.id, chunk]));
  const entries = stats.chunks.filter((chunk) => chunk.initial);
  return agents.map((agent) => {
    const starts = stats.chunks.filter((chunk) =>
      (chunk.origins ?? []).some((origin) => /src\/actions\/run-agent\.js$/.test(origin.moduleName ?? '') && origin.request === `./${agent}/index.js`),
    );
    if (starts.length === 0) throw new Error(`bundle check: no chunk is loaded for ${agent} from src/actions/run-agent.ts`);
    const seen = new Map(entries.map((chunk) => [chunk.id, chunk]));
    const queue = [...starts];
    while (queue.length > 0) {
      const chunk = queue.pop();
      if (seen.has(chunk.id)) continue;
      seen.set(chunk.id, chunk);
      for (const child of chunk.children ?? []) if (!seen.has(child) && byId.has(child)) queue.push(byId.get(child));
    }
    const chunks = [...seen.values()];
    return {
      agent,
      files: chunks.flatMap((chunk) => chunk.files).sort(),
      emulatorModules: chunks.flatMap((chunk) => chunk.modules.flatMap(moduleNames)).filter((name) => EMULATOR.test(name)),
    };
  });
}

/** Throws when an action can load emulator code. */
export function assertNoEmulatorsInActions(report) {
  const offending = report.filter((entry) => entry.emulatorModules.length > 0);
  if (offending.length > 0) {
    throw new Error(`bundle check: the emulators reach action bundles: ${offending.map((entry) => `${entry.agent} (${entry.emulatorModules[0]})`).join(', ')}`);
  }
}

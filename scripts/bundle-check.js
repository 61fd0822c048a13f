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

const DEMO_LOADER = /(^|\/)src\/cli\/demo\.js$/;

/**
 * The chunk files only the CLI's demo loads: those holding emulator code, and those every import of which comes from
 * the demo command or from emulator code (the emulators' own libraries, such as the GraphQL executor). No action
 * loads them, so the dist size figure leaves them out.
 */
export function demoOnlyChunks(stats) {
  const isDemoSide = (name) => EMULATOR.test(name ?? '') || DEMO_LOADER.test(name ?? '');
  return stats.chunks
    .filter(
      (chunk) =>
        chunk.modules.flatMap(moduleNames).some((name) => EMULATOR.test(name)) ||
        (!chunk.initial && (chunk.origins ?? []).length > 0 && chunk.origins.every((origin) => isDemoSide(origin.moduleName))),
    )
    .flatMap((chunk) => chunk.files)
    .sort();
}

/** Throws when an action can load emulator code. */
export function assertNoEmulatorsInActions(report) {
  const offending = report.filter((entry) => entry.emulatorModules.length > 0);
  if (offending.length > 0) {
    throw new Error(`bundle check: the emulators reach action bundles: ${offending.map((entry) => `${entry.agent} (${entry.emulatorModules[0]})`).join(', ')}`);
  }
}

// ncc does not fail on an import it cannot resolve: it bundles a stub that throws when the code runs, and the
// package is silently missing from dist/licenses.txt. A missing module that our own code imports, or that
// package.json declares, is a broken install (run npm ci); libraries' optional requires (inside try/catch)
// may stay unresolved.
const NOT_FOUND = /@@notfound\.js\?(.+)$/;

/** Every module ncc could not resolve, with the modules that import it. */
export function unresolvedModules(stats) {
  const found = new Map();
  const visit = (module) => {
    const match = NOT_FOUND.exec(module.name ?? '');
    if (match) {
      const importers = found.get(match[1]) ?? new Set();
      for (const reason of module.reasons ?? []) if (reason.moduleName && !NOT_FOUND.test(reason.moduleName)) importers.add(reason.moduleName);
      found.set(match[1], importers);
    }
    for (const inner of module.modules ?? []) visit(inner);
  };
  for (const module of stats.modules ?? []) visit(module);
  for (const chunk of stats.chunks ?? []) for (const module of chunk.modules ?? []) visit(module);
  return [...found].map(([request, importers]) => ({ request, importers: [...importers].sort() })).sort((a, b) => a.request.localeCompare(b.request));
}

/** The package a bare import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(request) {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Throws naming each missing dependency: imported by the project's own code or declared in package.json. */
export function assertDependenciesResolved(unresolved, declared) {
  const missing = unresolved.filter(
    (entry) => declared.includes(packageOf(entry.request)) || entry.importers.some((importer) => !importer.includes('node_modules/')),
  );
  if (missing.length > 0) {
    const list = missing.map((entry) => `${entry.request} (imported by ${entry.importers[0] ?? 'the bundle'})`).join(', ');
    throw new Error(`build failed: ncc could not resolve ${list}; is node_modules complete? Run npm ci, then build again`);
  }
}

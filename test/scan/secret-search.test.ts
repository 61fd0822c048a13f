import { describe, expect, it } from 'vitest';
import { parseGitDiff } from '../../src/core/diff.js';
import { addedText, fileFromContent, parsePatch, parseUnifiedDiff, type AddedLine, type ScanFile } from '../../src/scan/diff.js';
import { prefilteredSearch, type RuleSearch } from '../../src/scan/secrets/rule-search.js';
import { SECRET_RULES, type SecretRule } from '../../src/scan/secrets/rules.js';
import { scanSecrets, scanSecretsUsing } from '../../src/scan/secrets/scan-secrets.js';
import { fake, randomString } from './secret-samples.js';

/**
 * The scanner tries an anchored rule only on the lines where one of its anchors occurs (rule-search.ts), and
 * reads a parsed diff's added lines without building them (`addedText`). These tests hold both to the
 * straightforward scan: every rule's pattern run over the whole joined text of `file.added`.
 */

/** Every rule's pattern, global, over the whole text: what the prefiltered search must reproduce. */
function plainSearch(rules: readonly SecretRule[]): RuleSearch {
  const patterns = rules.map((rule) => new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`));
  return (text) =>
    patterns.map((pattern) => {
      pattern.lastIndex = 0;
      const found: RegExpExecArray[] = [];
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        if (match[0].length === 0) pattern.lastIndex++;
        found.push(match);
      }
      return found;
    });
}

/** The scanners' view of a diff as it was built before parsing became lazy: from parseGitDiff's line objects. */
function eagerScanFiles(diff: string): { path: string; status: string; added: AddedLine[]; context: AddedLine[] }[] {
  return parseGitDiff(diff).map((file) => {
    const added: AddedLine[] = [];
    const context: AddedLine[] = [];
    for (const line of file.hunks.flatMap((hunk) => hunk.lines)) {
      if (line.newLine !== undefined) (line.kind === 'add' ? added : context).push({ line: line.newLine, text: line.text });
    }
    return { path: file.path, status: file.status === 'copied' ? 'renamed' : file.status, added, context };
  });
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Groups of lines: the first `POSITIVE_GROUPS` each hold at least one finding (a secret of every rule, some
 * across two lines), the rest are near misses and ordinary code.
 */
function sampleLines(seed: number): string[][] {
  const secret = fake.password(seed);
  const env = randomString(32, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', seed + 1);
  const awsSecret = fake.awsSecret(seed + 2);
  const [header = '', ...material] = fake.privateKeyLines(seed + 3);
  return [
    // one per rule
    [`const token = "${fake.githubToken(seed)}";`],
    [`GH_TOKEN=${fake.githubFineGrained(seed)}`],
    [`aws_access_key_id = ${fake.awsKeyId(seed)}`],
    [`aws_secret_access_key = ${awsSecret}`],
    [`  secretAccessKey: "${awsSecret}",`],
    [`SLACK_BOT_TOKEN: "${fake.slackBot(seed)}"`, `webhook = "${fake.slackWebhook(seed)}"`],
    [`stripe.api_key = "${fake.stripeLive(seed)}"; other = "${fake.stripeTest(seed)}"`],
    [`OPENAI_API_KEY=${fake.openaiProject(seed)}`, `openai.api_key = '${fake.openaiLegacy(seed)}'`],
    [`new Anthropic({ apiKey: "${fake.anthropic(seed)}" })`],
    [`  apiKey: "${fake.googleApiKey(seed)}", client_secret = "${fake.googleClientSecret(seed)}"`],
    [`NPM_TOKEN=${fake.npmToken(seed)}`, `//registry.npmjs.org/:_authToken=${randomString(36, 'abcdef0123456789-', seed)}`],
    [`GITLAB_TOKEN="${fake.gitlabToken(seed)}"`, `SENDGRID_API_KEY='${fake.sendgrid(seed)}'`, `HF_TOKEN=${fake.huggingface(seed)}`],
    [header, ...material.slice(0, -1), material[material.length - 1] ?? ''],
    [`  "private_key": "${header}\\n${material[0] ?? ''}\\n-----END RSA PRIVATE KEY-----\\n",`],
    [`const session = "${fake.jwt({ sub: `u${seed}`, exp: 1_700_000_000 + seed }, seed)}";`],
    [`DATABASE_URL=postgres://app:${secret}@db.internal.acme.io:5432/app`],
    [`const apiKey = "${secret}";`, `DB_PASSWORD=${env}`, `  "client_secret": "${secret}",`],
    // secrets at the very start and end of a line, two rules on one line, a provider token the generic rule also sees
    [`${fake.githubToken(seed + 7)}`, `x=${fake.npmToken(seed + 8)}`, `${fake.awsKeyId(seed + 9)} ${fake.googleApiKey(seed + 10)}`],
    [`const apiToken = "${fake.githubToken(seed + 11)}";`],
    // what the assignment rules match across lines: whitespace around the operator may hold a newline
    ['const password =', `  "${secret}";`],
    ['//registry.npmjs.org/:_authToken', `= ${randomString(30, 'abcdef0123456789', seed + 12)}`],
    ['aws_secret_access_key =', `${fake.awsSecret(seed + 13)}`],
    // names in any case: the case-insensitive rules have no anchors and run everywhere
    [`PassWord = "${secret}"`, `SeCrEt_AcCeSs_KeY: ${fake.awsSecret(seed + 14)}`],
    // a match the generic rule rejects (the value's line is not an assignment)
    ['password:', `  ${env}`],
    // near misses: anchors without a secret, placeholders, examples
    ["if (token.startsWith('ghp_')) kind = 'classic';", 'const prefix = "AKIA"; const sk = "sk-"; const ant = "sk-ant-";'],
    ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'token: xoxb-your-bot-token', 'OPENAI_API_KEY=sk-proj-your-key-here'],
    ["if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return 'pkcs1';", 'const msg = parts.join("SG.") + "eyJ" + "hf_";'],
    ['url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'DATABASE_URL=postgres://postgres:postgres@db.acme.io/app'],
    [`const example = "${fake.jwtIoExample()}";`, `const unsigned = "${fake.unsignedJwt()}";`, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    // ordinary code, lines that look like diff markers, empty lines, other scripts
    ['  const value = computeSomething(input, "some string literal") + other.call(1);', '++counter;', '--- not a header', '', '+'],
    ['  await client.request({ url: `/api/v1/items/${id}`, headers: { authorization: `Bearer ${token}` } });', '    password: config.password,'],
    ['  // Erklärt, warum 💡 dieser Schritt zuerst kommt: ключ = "значение"', `\t${'x'.repeat(3000)} ${fake.githubToken(seed + 15)}`],
  ];
}

interface GeneratedDiff {
  diff: string;
  /** Files with their lines as in the new version, for fileFromContent. */
  contents: string[];
}

/** A multi-file git diff: hunks of added, deleted and context lines in random order, sometimes CRLF, sometimes no final newline. */
function generatedDiff(seed: number, files: number): GeneratedDiff {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const samples = sampleLines(seed);
  const parts: string[] = [];
  const contents: string[] = [];
  for (let f = 0; f < files; f++) {
    const crlf = next() < 0.15;
    const eol = crlf ? '\r\n' : '\n';
    const path = `src/dir ${f}/file-${seed}-${f}.${pick(['ts', 'env', 'yml', 'json', 'py'])}`;
    const created = next() < 0.3;
    parts.push(`diff --git a/${path} b/${path}\n`);
    if (created) parts.push('new file mode 100644\n');
    parts.push(`--- ${created ? '/dev/null' : `a/${path}`}\n+++ b/${path}\n`);
    const big = next() < 0.1;
    const hunks = created ? 1 : 1 + Math.floor(next() * 4);
    const newLines: string[] = [];
    let oldLine = 1;
    let newLine = 1;
    for (let h = 0; h < hunks; h++) {
      const body: string[] = [];
      let oldCount = 0;
      let newCount = 0;
      const groups = big ? 120 : 3 + Math.floor(next() * 10);
      for (let g = 0; g < groups; g++) {
        const kind = created ? 'add' : pick(['add', 'add', 'add', 'del', 'context']);
        for (const text of pick(samples)) {
          const marker = kind === 'add' ? '+' : kind === 'del' ? '-' : ' ';
          body.push(`${marker}${text}${eol}`);
          if (kind !== 'add') oldCount++;
          if (kind !== 'del') {
            newCount++;
            newLines.push(text);
          }
        }
      }
      const last = h === hunks - 1 && next() < 0.3;
      parts.push(`@@ -${created ? 0 : oldLine},${oldCount} +${newLine},${newCount} @@ hunk ${h}\n`, ...body);
      if (last) parts.push('\\ No newline at end of file\n');
      oldLine += oldCount + 5;
      newLine += newCount + 5;
    }
    contents.push(`${newLines.join(crlf ? '\r\n' : '\n')}${next() < 0.5 ? '\n' : ''}`);
  }
  return { diff: parts.join(''), contents };
}

const POSITIVE_GROUPS = 23;

const CORPUS = Array.from({ length: 24 }, (_, i) => generatedDiff(1000 + i, 3 + (i % 6)));

/** Every way the product builds scan files: whole diffs, per-file patches, whole contents, and hand-built ones. */
function corpusFiles(): ScanFile[] {
  const files: ScanFile[] = [];
  for (const [index, { diff, contents }] of CORPUS.entries()) {
    files.push(...parseUnifiedDiff(diff));
    for (const file of parseGitDiff(diff)) if (file.patch !== undefined) files.push(parsePatch(file.path, file.patch));
    contents.forEach((content, n) => files.push(fileFromContent(`content-${index}-${n}.env`, content)));
  }
  files.push({ path: 'hand-built.ts', status: 'added', added: [{ line: 3, text: `t = "${fake.githubToken(5)}"` }], context: [] });
  return files;
}

function describeMatches(matches: readonly (readonly RegExpExecArray[])[]): unknown {
  return matches.map((list) => list.map((match) => [match.index, ...match]));
}

describe('the prefiltered search finds what every pattern over the whole text finds', () => {
  const fast = prefilteredSearch(SECRET_RULES);
  const plain = plainSearch(SECRET_RULES);

  it('match for match, rule by rule, on every file of the corpus', () => {
    let matches = 0;
    for (const file of corpusFiles()) {
      const text = addedText(file);
      const expected = plain(text);
      matches += expected.reduce((sum, list) => sum + list.length, 0);
      expect(describeMatches(fast(text)), file.path).toEqual(describeMatches(expected));
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('finding for finding, and the corpus holds a finding of every rule', () => {
    const fastResult = scanSecretsUsing(fast, corpusFiles(), { now: Date.UTC(2026, 0, 1) });
    const plainResult = scanSecretsUsing(plain, corpusFiles(), { now: Date.UTC(2026, 0, 1) });
    expect(fastResult).toEqual(plainResult);
    expect(new Set(plainResult.findings.map((finding) => finding.ruleId))).toEqual(new Set(SECRET_RULES.map((rule) => rule.id)));
    // Findings that start with their name on one line and have the value on the next are among them.
    expect(plainResult.findings.some((finding) => finding.snippet.startsWith('"') || finding.snippet.startsWith('='))).toBe(true);
    expect(scanSecrets(corpusFiles(), { now: Date.UTC(2026, 0, 1) })).toEqual(fastResult);
  });

  it('holds what makes it exact: every match of an anchored rule has an anchor before its first newline', () => {
    const anchored = SECRET_RULES.filter((rule) => rule.anchors.length > 0 && !rule.pattern.flags.includes('i'));
    expect(anchored.length).toBeGreaterThan(10);
    const plainAnchored = plainSearch(anchored);
    let checked = 0;
    for (const file of corpusFiles()) {
      plainAnchored(addedText(file)).forEach((matches, index) => {
        const rule = anchored[index];
        for (const match of matches) {
          const firstLine = match[0].split('\n')[0] ?? '';
          expect(
            rule?.anchors.some((anchor) => firstLine.includes(anchor)),
            `${rule?.id}: ${match[0].slice(0, 40)}`,
          ).toBe(true);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('a rule whose anchors were left out would be caught by the comparison', () => {
    // The check above can fail: with the anchors of one rule cut short, the prefilter hides its findings.
    const crippled = SECRET_RULES.map((rule) => (rule.id === 'secret/github-token' ? { ...rule, anchors: ['github_pat_'] } : rule));
    const text = addedText(fileFromContent('a.ts', `t = "${fake.githubToken(3)}"\n`));
    expect(prefilteredSearch(crippled)(text)[0]).toEqual([]);
    expect(plainSearch(crippled)(text)[0]).toHaveLength(1);
  });
});

describe('every rule’s positive samples, through the fast path, wherever they stand in a file', () => {
  const filler = Array.from({ length: 400 }, (_, i) => `  const value${i} = compute(input${i}, "literal ${i}"); // token ${i}`);
  for (const [index, lines] of sampleLines(77).slice(0, POSITIVE_GROUPS).entries()) {
    it(`sample ${index + 1}: ${lines[0]?.slice(0, 24) ?? ''}…`, () => {
      const alone = scanSecrets([fileFromContent('a.env', `${lines.join('\n')}\n`)]).findings;
      expect(alone.length).toBeGreaterThan(0);
      const before = filler.length;
      const surrounded = [...filler, ...lines, ...filler.slice(0, 50)].join('\r\n');
      const found = scanSecrets([fileFromContent('a.env', surrounded)]).findings;
      expect(found.map(({ ruleId, line }) => [ruleId, line - before])).toEqual(alone.map(({ ruleId, line }) => [ruleId, line]));
    });
  }
});

describe('lazily parsed files', () => {
  it('read as parseGitDiff’s lines did, and their added text is the added lines joined', () => {
    for (const { diff } of CORPUS) {
      const text = parseUnifiedDiff(diff).map(addedText);
      const files = parseUnifiedDiff(diff);
      const expected = eagerScanFiles(diff);
      expect(files.map(({ path, status, added, context }) => ({ path, status, added, context }))).toEqual(expected);
      expect(text).toEqual(expected.map((file) => file.added.map((line) => line.text).join('\n')));
    }
  });

  it('patches and whole contents give the same added text as their lines', () => {
    for (const { diff, contents } of CORPUS) {
      for (const file of parseGitDiff(diff)) {
        if (file.patch === undefined) continue;
        const joined = addedText(parsePatch(file.path, file.patch));
        expect(joined).toBe(
          parsePatch(file.path, file.patch)
            .added.map((line) => line.text)
            .join('\n'),
        );
      }
      for (const content of contents) {
        expect(addedText(fileFromContent('a', content))).toBe(
          fileFromContent('a', content)
            .added.map((line) => line.text)
            .join('\n'),
        );
      }
    }
  });

  it('a file whose added lines were changed is scanned as changed', () => {
    const [file] = parseUnifiedDiff(`diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-x\n+const harmless = 1;\n`);
    if (!file) throw new Error('no file parsed');
    expect(scanSecrets([file]).findings).toEqual([]);
    file.added.push({ line: 2, text: `t = "${fake.githubToken(9)}"` });
    expect(scanSecrets([file]).findings.map((finding) => finding.line)).toEqual([2]);
    file.added = [{ line: 7, text: `t = "${fake.npmToken(9)}"` }];
    expect(scanSecrets([file]).findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['secret/npm-token', 7]]);
    expect({ ...file }).toMatchObject({ path: 'a.ts', added: [{ line: 7 }], context: [] });
  });
});

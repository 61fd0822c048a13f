import { describe, expect, it } from 'vitest';
import { fileFromContent } from '../../src/scan/diff.js';
import { SECRET_RULES } from '../../src/scan/secrets/rules.js';
import { scanSecrets } from '../../src/scan/secrets/scan-secrets.js';
import { fake, randomString } from './secret-samples.js';

/**
 * Per rule, lines that must be found (ng) and lines that must not (ok), as gitleaks and secretlint test their
 * rules. `secret` is the value that must never appear in what the scanner returns for publication.
 */
interface Example {
  text: string;
  secret?: string;
  path?: string;
}

const ghp = fake.githubToken();
const fine = fake.githubFineGrained();
const akid = fake.awsKeyId();
const awsSecret = fake.awsSecret();
const slack = fake.slackBot();
const hook = fake.slackWebhook();
const stripe = fake.stripeLive();
const openai = fake.openaiProject();
const openaiLegacy = fake.openaiLegacy();
const anthropic = fake.anthropic();
const google = fake.googleApiKey();
const googleSecret = fake.googleClientSecret();
const npm = fake.npmToken();
const npmrc = randomString(36, 'abcdef0123456789-', 31);
const gitlab = fake.gitlabToken();
const sendgrid = fake.sendgrid();
const hf = fake.huggingface();
const jwt = fake.jwt();
const dbPassword = fake.password(21);
const generic = fake.password(22);
const envValue = randomString(32, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 23);

const EXAMPLES: Record<string, { ng: Example[]; ok: Example[] }> = {
  'secret/github-token': {
    ng: [
      { text: `const token = "${ghp}";`, secret: ghp },
      { text: `GH_TOKEN=${fine}`, secret: fine },
    ],
    ok: [{ text: 'const token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";' }, { text: "if (token.startsWith('ghp_')) kind = 'classic';" }],
  },
  'secret/aws-access-key-id': {
    ng: [{ text: `aws_access_key_id = ${akid}`, secret: akid }],
    ok: [{ text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' }, { text: 'const prefix = "AKIA";' }],
  },
  'secret/aws-secret-access-key': {
    ng: [
      { text: `aws_secret_access_key = ${awsSecret}`, secret: awsSecret },
      { text: `  secretAccessKey: "${awsSecret}",`, secret: awsSecret },
    ],
    ok: [
      { text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      { text: 'aws_secret_access_key = ${{ secrets.AWS_SECRET_ACCESS_KEY }}' },
    ],
  },
  'secret/slack-token': {
    ng: [
      { text: `SLACK_BOT_TOKEN: "${slack}"`, secret: slack },
      { text: `webhook = "${hook}"`, secret: hook },
    ],
    ok: [{ text: 'token: xoxb-your-bot-token' }, { text: 'url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' }],
  },
  'secret/stripe-key': {
    ng: [{ text: `stripe.api_key = "${stripe}"`, secret: stripe }],
    ok: [{ text: 'const key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx";' }, { text: `const publishable = "pk_live_${randomString(24)}";` }],
  },
  'secret/openai-key': {
    ng: [
      { text: `OPENAI_API_KEY=${openai}`, secret: openai },
      { text: `openai.api_key = '${openaiLegacy}'`, secret: openaiLegacy },
    ],
    ok: [{ text: 'OPENAI_API_KEY=sk-proj-your-key-here' }, { text: "apiKey: process.env.OPENAI_API_KEY ?? 'sk-...'," }],
  },
  'secret/anthropic-key': {
    ng: [{ text: `new Anthropic({ apiKey: "${anthropic}" })`, secret: anthropic }],
    ok: [{ text: 'ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }, { text: "const prefix = 'sk-ant-';" }],
  },
  'secret/google-api-key': {
    ng: [
      { text: `  apiKey: "${google}",`, secret: google },
      { text: `client_secret = "${googleSecret}"`, secret: googleSecret },
    ],
    ok: [{ text: '  apiKey: "AIzaSyDummyKeyForTestsOnly_xxxxxxxxxxxx",' }, { text: 'if (key.startsWith("AIza")) return "google";' }],
  },
  'secret/npm-token': {
    ng: [
      { text: `NPM_TOKEN=${npm}`, secret: npm },
      { text: `//registry.npmjs.org/:_authToken=${npmrc}`, secret: npmrc, path: '.npmrc' },
    ],
    ok: [{ text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', path: '.npmrc' }, { text: 'const prefix = "npm_";' }],
  },
  'secret/gitlab-token': {
    ng: [{ text: `GITLAB_TOKEN="${gitlab}"`, secret: gitlab }],
    ok: [{ text: 'GITLAB_TOKEN="glpat-xxxxxxxxxxxxxxxxxxxx"' }],
  },
  'secret/sendgrid-key': {
    ng: [{ text: `SENDGRID_API_KEY='${sendgrid}'`, secret: sendgrid }],
    ok: [{ text: "SENDGRID_API_KEY='SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'" }],
  },
  'secret/huggingface-token': {
    ng: [{ text: `HF_TOKEN=${hf}`, secret: hf }],
    ok: [{ text: 'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }],
  },
  'secret/jwt': {
    ng: [{ text: `const session = "${jwt}";`, secret: jwt }],
    ok: [{ text: `const example = "${fake.jwtIoExample()}";` }, { text: `const unsigned = "${fake.unsignedJwt()}";` }],
  },
  'secret/url-credentials': {
    ng: [{ text: `DATABASE_URL=postgres://app:${dbPassword}@db.internal.acme.io:5432/app`, secret: dbPassword }],
    ok: [
      { text: 'DATABASE_URL=postgres://postgres:postgres@db.internal.acme.io:5432/app' },
      { text: `DATABASE_URL=postgres://app:${dbPassword}@localhost:5432/app` },
      { text: 'url = f"postgres://{user}:${PASSWORD}@db.acme.io/app"' },
    ],
  },
  'secret/generic-assignment': {
    ng: [
      { text: `const apiKey = "${generic}";`, secret: generic },
      { text: `DB_PASSWORD=${envValue}`, secret: envValue, path: '.env' },
      { text: `  "client_secret": "${generic}",`, secret: generic, path: 'config.json' },
    ],
    ok: [
      { text: 'const password = "changeme-please-now";' },
      { text: 'password: process.env.DB_PASSWORD,' },
      { text: 'const token = "this-is-not-random-text";' },
      { text: 'const tokenCount = computeTokens(messages, "gpt-4.1-mini-2025");' },
      { text: `password = "${'${DB_PASSWORD}'}"` },
    ],
  },
};

function scanLine(example: Example) {
  return scanSecrets([fileFromContent(example.path ?? 'src/config.ts', `${example.text}\n`)], { now: Date.UTC(2026, 0, 1) });
}

describe('secret rules: positive and negative examples', () => {
  it('every rule has at least one positive and one negative example', () => {
    for (const rule of SECRET_RULES) {
      if (rule.id === 'secret/private-key') continue; // multi-line: its own test below
      expect(EXAMPLES[rule.id]?.ng.length ?? 0, rule.id).toBeGreaterThan(0);
      expect(EXAMPLES[rule.id]?.ok.length ?? 0, rule.id).toBeGreaterThan(0);
    }
  });

  for (const [ruleId, { ng, ok }] of Object.entries(EXAMPLES)) {
    it(`${ruleId}: finds every positive example and publishes only a redacted prefix`, () => {
      for (const example of ng) {
        const result = scanLine(example);
        const finding = result.findings.find((candidate) => candidate.ruleId === ruleId);
        expect(finding, example.text).toBeDefined();
        expect(result.findings, 'one finding per secret').toHaveLength(1);
        expect(result.secrets).toContain(example.secret);
        const published = JSON.stringify(result.findings);
        expect(published).not.toContain(example.secret);
        expect(finding?.snippet).toContain('…[redacted]');
      }
    });
    it(`${ruleId}: ignores every negative example`, () => {
      for (const example of ok) {
        expect(scanLine(example).findings, example.text).toEqual([]);
      }
    });
  }
});

describe('secret severities', () => {
  it('a live-looking provider token is critical; a Stripe test-mode key is not', () => {
    expect(scanLine({ text: `k = "${ghp}"` }).findings[0]?.severity).toBe('critical');
    expect(scanLine({ text: `k = "${fake.stripeTest()}"` }).findings[0]?.severity).toBe('medium');
  });

  it('an expired JWT is low, a JWT without expiry or with a future one is critical', () => {
    const now = Date.UTC(2026, 0, 1);
    const expired = fake.jwt({ sub: 'u', exp: Math.floor(now / 1000) - 60 });
    const future = fake.jwt({ sub: 'u', exp: Math.floor(now / 1000) + 3600 });
    const scan = (token: string) => scanSecrets([fileFromContent('a.ts', `t = "${token}"\n`)], { now }).findings[0]?.severity;
    expect(scan(expired)).toBe('low');
    expect(scan(future)).toBe('critical');
    expect(scanSecrets([fileFromContent('a.ts', `t = "${expired}"\n`)]).findings[0]?.severity).toBe('critical');
  });
});

describe('private keys', () => {
  it('finds a PEM block with key material and registers every material line for redaction', () => {
    const lines = fake.privateKeyLines();
    const result = scanSecrets([fileFromContent('deploy/key.pem', `${lines.join('\n')}\n`)]);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['secret/private-key']);
    expect(result.findings[0]?.line).toBe(1);
    expect(result.findings[0]?.severity).toBe('critical');
    for (const material of lines.slice(1, -1)) expect(result.secrets).toContain(material);
    expect(JSON.stringify(result.findings)).not.toContain(lines[1]);
  });

  it('finds a key embedded in JSON with escaped newlines', () => {
    const [header, a, b] = fake.privateKeyLines(40);
    const json = `  "private_key": "${header}\\n${a}\\n${b}\\n-----END RSA PRIVATE KEY-----\\n",`;
    const result = scanSecrets([fileFromContent('sa.json', `${json}\n`)]);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['secret/private-key']);
    expect(result.secrets).toEqual(expect.arrayContaining([a, b]));
  });

  it('ignores the header alone, as code that parses keys contains it', () => {
    const code = "if (pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')) return 'pkcs1';\nreturn 'other';\n";
    expect(scanSecrets([fileFromContent('src/pem.ts', code)]).findings).toEqual([]);
  });
});

describe('scanner behaviour', () => {
  it('reports the line number in the new file and only added lines', () => {
    const diff = `diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -10,2 +10,3 @@\n const a = 1;\n-const old = "${fake.githubToken(90)}";\n+const t = "${ghp}";\n const b = 2;\n`;
    return import('../../src/scan/diff.js').then(({ parseUnifiedDiff }) => {
      const result = scanSecrets(parseUnifiedDiff(diff));
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]).toMatchObject({ path: 'a.ts', line: 11, ruleId: 'secret/github-token' });
    });
  });

  it('the specific rule wins over the generic one for the same value', () => {
    const result = scanLine({ text: `const apiToken = "${ghp}";` });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['secret/github-token']);
  });

  it('finds several secrets on one line and in one file', () => {
    const result = scanSecrets([fileFromContent('.env', `AWS_ACCESS_KEY_ID=${akid}\nAWS_SECRET_ACCESS_KEY=${awsSecret}\n`)]);
    expect(result.findings.map((finding) => finding.ruleId).sort()).toEqual(['secret/aws-access-key-id', 'secret/aws-secret-access-key']);
    expect(result.findings.map((finding) => finding.line).sort()).toEqual([1, 2]);
  });

  it('skips deleted files', () => {
    const file = { ...fileFromContent('a.ts', `t = "${ghp}"\n`), status: 'deleted' as const };
    expect(scanSecrets([file]).findings).toEqual([]);
  });

  // A super-linear rule would hang here until the test times out; the time it takes is measured in bench/hostile-input.bench.ts.
  it('finishes on adversarial input (long runs that almost match)', () => {
    const evil = `${'password='.repeat(20_000)}${'a'.repeat(50_000)} ghp_${'A'.repeat(300_000)}`;
    // The over-long token is not a GitHub token shape, and no password= has a value.
    expect(scanSecrets([fileFromContent('evil.txt', `${evil}\n`)]).findings).toEqual([]);
  });
});

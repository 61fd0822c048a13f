/**
 * Fake credentials for the secret-scanner tests, made at run time from a seeded generator so that no
 * token-shaped literal sits in the source (push protection and other scanners would flag the repository).
 * They have the shape and randomness of real ones and belong to nobody.
 */

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALPHANUMERIC}+/`;
const UPPER_BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const URL_SAFE = `${ALPHANUMERIC}_-`;

/** Deterministic pseudo-random string (mulberry32), so failures reproduce. */
export function randomString(length: number, alphabet: string = ALPHANUMERIC, seed = 1): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out += alphabet[Math.floor(value * alphabet.length)];
  }
  return out;
}

const join = (...parts: string[]): string => parts.join('');

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export const fake = {
  githubToken: (seed = 1) => join('gh', 'p_', randomString(36, ALPHANUMERIC, seed)),
  githubFineGrained: (seed = 2) => join('github', '_pat_', randomString(22, ALPHANUMERIC, seed), '_', randomString(59, ALPHANUMERIC, seed + 1)),
  awsKeyId: (seed = 3) => join('AK', 'IA', randomString(16, UPPER_BASE32, seed)),
  awsSecret: (seed = 4) => randomString(40, BASE64, seed),
  slackBot: (seed = 5) =>
    join('xo', 'xb-', randomString(12, '0123456789', seed), '-', randomString(13, '0123456789', seed + 1), '-', randomString(24, ALPHANUMERIC, seed + 2)),
  slackWebhook: (seed = 6) =>
    join(
      'https://hooks.',
      'slack.com/services/T',
      randomString(10, UPPER_BASE32, seed),
      '/B',
      randomString(10, UPPER_BASE32, seed + 1),
      '/',
      randomString(24, ALPHANUMERIC, seed + 2),
    ),
  stripeLive: (seed = 7) => join('sk', '_live_', randomString(24, ALPHANUMERIC, seed)),
  stripeTest: (seed = 8) => join('sk', '_test_', randomString(24, ALPHANUMERIC, seed)),
  openaiProject: (seed = 9) => join('sk', '-proj-', randomString(48, URL_SAFE, seed)),
  openaiLegacy: (seed = 10) => join('sk', '-', randomString(20, ALPHANUMERIC, seed), 'T3Blbk', 'FJ', randomString(20, ALPHANUMERIC, seed + 1)),
  anthropic: (seed = 11) => join('sk', '-ant-api03-', randomString(93, URL_SAFE, seed), 'AA'),
  googleApiKey: (seed = 12) => join('AI', 'za', randomString(35, URL_SAFE, seed)),
  googleClientSecret: (seed = 13) => join('GOC', 'SPX-', randomString(28, URL_SAFE, seed)),
  npmToken: (seed = 14) => join('np', 'm_', randomString(36, ALPHANUMERIC, seed)),
  gitlabToken: (seed = 15) => join('gl', 'pat-', randomString(20, URL_SAFE, seed)),
  sendgrid: (seed = 16) => join('S', 'G.', randomString(22, URL_SAFE, seed), '.', randomString(43, URL_SAFE, seed + 1)),
  huggingface: (seed = 17) => join('h', 'f_', randomString(34, LETTERS, seed)),
  privateKeyLines: (seed = 18) => [
    join('-----BEGIN RSA ', 'PRIVATE KEY-----'),
    randomString(64, BASE64, seed),
    randomString(64, BASE64, seed + 1),
    randomString(44, BASE64, seed + 2),
    join('-----END RSA ', 'PRIVATE KEY-----'),
  ],
  jwt: (claims: Record<string, unknown> = { sub: 'user-42', role: 'admin' }, seed = 19) =>
    [base64UrlJson({ alg: 'HS256', typ: 'JWT' }), base64UrlJson(claims), randomString(43, URL_SAFE, seed)].join('.'),
  unsignedJwt: () => [base64UrlJson({ alg: 'none', typ: 'JWT' }), base64UrlJson({ sub: 'user-42', role: 'admin' }), randomString(20, URL_SAFE, 3)].join('.'),
  jwtIoExample: () =>
    [base64UrlJson({ alg: 'HS256', typ: 'JWT' }), base64UrlJson({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }), randomString(43, URL_SAFE, 4)].join(
      '.',
    ),
  password: (seed = 20) => randomString(20, ALPHANUMERIC, seed),
};

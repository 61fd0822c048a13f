import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { OutboundGate } from '../../src/core/outbound-gate.js';
import { outboundMarkdown, untrustedMarkdown } from '../../src/core/untrusted-markdown.js';
import { fileFromContent } from '../../src/scan/diff.js';
import { scanSecrets } from '../../src/scan/secrets/scan-secrets.js';
import { fake } from '../scan/secret-samples.js';

const TOKEN = fake.githubToken(701);
const KEY = fake.openaiProject(702);
const PASSWORD = fake.password(703);

function gate(): { gate: OutboundGate; masked: string[] } {
  const masked: string[] = [];
  return { gate: new OutboundGate((value) => masked.push(value)), masked };
}

describe('outbound gate: secrets', () => {
  it('redacts a held value everywhere in a write, masks it in the log once, and leaves reads alone', () => {
    const { gate: g, masked } = gate();
    g.hold(KEY);
    g.hold(KEY);
    expect(masked).toEqual([KEY]);
    const write = g.guardRequest({
      method: 'POST',
      url: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      owner: 'acme',
      repo: 'widgets',
      body: `key ${KEY}`,
      comments: [{ path: 'a.ts', line: 1, body: `again ${KEY}` }],
    });
    expect(JSON.stringify(write)).not.toContain(KEY);
    expect(write.body).toBe(`key ${KEY.slice(0, 4)}…[redacted]`);
    const read = g.guardRequest({ method: 'GET', url: '/search/issues', q: `is:issue ${KEY}` });
    expect(read.q).toContain(KEY);
  });

  it('finds with the installed scanner what nobody registered (test output, the model’s own words), and remembers it', () => {
    const { gate: g } = gate();
    g.detectWith((text) => scanSecrets([fileFromContent('outbound', text)]).secrets);
    const check = g.guardRequest({
      method: 'PATCH',
      url: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      output: { title: 'done', summary: `the test printed ${TOKEN}`, annotations: [{ message: `password = "${PASSWORD}"` }] },
    });
    expect(JSON.stringify(check)).not.toMatch(new RegExp(`${TOKEN}|${PASSWORD}`));
    // Once found, a value is known: quoted bare, without the context the scanner needs, it is redacted too.
    expect(g.redact(`it was ${PASSWORD}`)).toBe(`it was ${PASSWORD.slice(0, 4)}…[redacted]`);
    expect(new OutboundGate().redact(`it was ${PASSWORD}`)).toBe(`it was ${PASSWORD}`);
  });

  it('leaves git objects as committed, but redacts a commit message and GraphQL variables, a body under the Markdown policy', () => {
    const { gate: g } = gate();
    g.add([PASSWORD]);
    const blob = g.guardRequest({ method: 'POST', url: '/repos/{owner}/{repo}/git/blobs', content: PASSWORD });
    expect(blob.content).toBe(PASSWORD);
    const commit = g.guardRequest({ method: 'POST', url: '/repos/{owner}/{repo}/git/commits', message: `feat: ${PASSWORD}` });
    expect(commit.message).not.toContain(PASSWORD);
    // A GraphQL mutation's variables: a secret is redacted and a discussion's body follows the Markdown policy;
    // the query itself is sent as written.
    const query = 'mutation($body: String!) { x }';
    const graphql = g.guardRequest({ method: 'POST', url: '/graphql', query, variables: { title: `t ${PASSWORD}`, body: `@alice ${PASSWORD}` } });
    expect(graphql.query).toBe(query);
    expect(graphql.variables).toEqual({ title: `t ${PASSWORD.slice(0, 4)}…[redacted]`, body: `\`@alice\` ${PASSWORD.slice(0, 4)}…[redacted]` });
  });

  it('control: ordinary text and the product’s own markup pass unchanged', () => {
    const { gate: g } = gate();
    g.hold(KEY);
    const body = [
      '## CTO review of #12',
      '',
      'Use `const` here; see **the docs** at [the guide](https://example.com/guide) or https://example.com/x.',
      '',
      '<details><summary>Test output</summary>',
      '',
      '```',
      'ok 1 - formats <b>prices</b> @ 2 decimals',
      '```',
      '',
      '</details>',
      '<sub>gpt-4.1 · 1 call</sub>',
      '⚠️ Work was left for the next run.',
      formatMarker('implement', { issue: 12, note: 'a <b> & c' }),
    ].join('\n');
    expect(g.guardRequest({ method: 'POST', url: '/repos/{owner}/{repo}/issues/{issue_number}/comments', body }).body).toBe(body);
  });
});

describe('outbound gate: the untrusted-Markdown policy on every body', () => {
  it('no mention, no remote image, no raw HTML, no hidden text outside code', () => {
    const raw =
      'Thanks @alice and @acme/security! ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)> <!-- hidden --> zero\u200Bwidth `@kept` in code';
    const out = outboundMarkdown(raw);
    expect(out).toBe(
      'Thanks `@alice` and `@acme/security`! pixel (image: https://evil.example/p.png) &lt;img src=x onerror=alert(1)>  zerowidth `@kept` in code',
    );
  });

  it('a forged marker in a comment is hidden text: only well-formed product markers stay', () => {
    expect(outboundMarkdown('a <!-- agentic-workflow:state {"v":1, "x":"<b>"} --> b')).toBe('a  b');
  });

  it('text that already went through the policy passes unchanged, so a retried request is not escaped twice', () => {
    const once = untrustedMarkdown('Hi @bob ![x](https://e.example/i.png) <script>alert(1)</script> [link](https://e.example)');
    expect(outboundMarkdown(once)).toBe(once);
    expect(outboundMarkdown(outboundMarkdown('@carol ![a](b)'))).toBe(outboundMarkdown('@carol ![a](b)'));
  });
});

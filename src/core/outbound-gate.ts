/**
 * The one door every write leaves through. The GitHub client (`github.ts`) passes each write request's body
 * here, the runner protocol passes the job summary and log lines, the SARIF writer its file: so a new writer
 * cannot forget either rule.
 *
 * 1. **Secrets are redacted** everywhere in a write: the values the action holds (GitHub token, model keys, the
 *    runner's own tokens), the values the secret scanner found in the change, and whatever the scanner finds
 *    in the outgoing text itself (test output and the model's own words pass through here as part of a body).
 * 2. **Markdown fields follow the untrusted-Markdown policy** (`outboundMarkdown`): no mention, no image that
 *    loads, no raw HTML, no hidden text; the product's own markup (state markers, `<details>`) stays.
 *
 * The values the action holds are also masked in the runner's log (`::add-mask::`), as @actions/core's
 * `setSecret` does.
 */
import { createRedactor, noRedaction, redactDeep, type Redactor } from './redact.js';
import { outboundMarkdown } from './untrusted-markdown.js';

/** Finds secret values in a text (the secret scanner, installed by the action's entry). */
export type SecretDetector = (text: string) => string[];

export interface RequestToGuard {
  method: string;
  url: string;
  [field: string]: unknown;
}

// Git objects carry the change itself (blob contents, tree entries): what is committed is decided before this
// point and must arrive unchanged. The commit message is still redacted.
const UNCHANGED_ROUTES = /\/git\/(blobs|trees)$/;
// Fields GitHub renders as Markdown: issue, PR, comment and review bodies (also inside a review's `comments`),
// a check run's output summary and text.
const MARKDOWN_KEYS = new Set(['body', 'summary', 'text']);
// Request fields that are routing, not content (`owner`, `repo`, numbers, shas): left as they are.
const ROUTING_KEYS = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType', 'owner', 'repo']);

export class OutboundGate {
  private readonly known = new Set<string>();
  private redactKnown: Redactor = noRedaction;
  private detector: SecretDetector | undefined;

  constructor(private readonly mask: (value: string) => void = () => undefined) {}

  /** A secret the action holds (a token, a model key): redacted from every write and masked in the log. */
  hold(value: string | undefined): void {
    if (!value || this.known.has(value)) return;
    this.mask(value);
    this.add([value]);
  }

  /** Secret values found in the change (the scanner's `secrets`): redacted from every write. */
  add(values: Iterable<string>): void {
    let grew = false;
    for (const value of values) {
      if (value && !this.known.has(value)) {
        this.known.add(value);
        grew = true;
      }
    }
    if (grew) this.redactKnown = createRedactor(this.known);
  }

  /** Installs the scanner that looks at every outgoing text for secrets nobody registered. */
  detectWith(detector: SecretDetector): void {
    this.detector = detector;
  }

  /** A text as it may leave: every known secret and every secret the detector finds in it redacted. */
  redact(text: string): string {
    if (this.detector) {
      const found = this.detector(text);
      if (found.length > 0) this.add(found);
    }
    return this.redactKnown(text);
  }

  /** Markdown as it may leave: redacted, then the untrusted-Markdown policy applied to the whole text. */
  markdown(text: string): string {
    return outboundMarkdown(this.redact(text));
  }

  /** Any JSON-like value (a SARIF log) with every string in it redacted. */
  redactValue<T>(value: T): T {
    return redactDeep(value, (text) => this.redact(text));
  }

  /**
   * The body fields of one Octokit request as they may leave: for writes (POST, PUT, PATCH), every string
   * redacted and Markdown fields under the policy. Reads pass unchanged; a search query is not published.
   */
  guardRequest<T extends RequestToGuard>(request: T): T {
    const method = request.method.toUpperCase();
    if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return request;
    const path = request.url.split('?')[0] ?? request.url;
    if (UNCHANGED_ROUTES.test(path)) return request;
    // A GraphQL request's `query` is no Markdown field; its variables' `body` (a discussion's) is.
    for (const [key, value] of Object.entries(request)) {
      if (!ROUTING_KEYS.has(key)) (request as Record<string, unknown>)[key] = this.guardField(key, value, true);
    }
    return request;
  }

  private guardField(key: string, value: unknown, markdown: boolean): unknown {
    if (typeof value === 'string') return markdown && MARKDOWN_KEYS.has(key) ? this.markdown(value) : this.redact(value);
    if (Array.isArray(value)) return value.map((item: unknown) => this.guardField('', item, markdown));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [inner, item] of Object.entries(value as Record<string, unknown>)) out[inner] = this.guardField(inner, item, markdown);
      return out;
    }
    return value;
  }
}

function maskInLog(value: string): void {
  // Only a runner reads ::add-mask:: and hides the value; in a terminal (the agentic CLI) it would print it.
  if (process.env.GITHUB_ACTIONS !== 'true') return;
  // One line per value: a multi-line secret is masked line by line, as the runner expects.
  for (const line of value.split(/\r?\n/)) if (line.trim() !== '') process.stdout.write(`::add-mask::${line}\n`);
}

/** The run's gate: one per process, like the runner's list of masked values. */
export const outbound = new OutboundGate(maskInLog);

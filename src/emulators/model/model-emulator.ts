/**
 * A model API on 127.0.0.1 that the real `openai` and `@anthropic-ai/sdk` clients talk to: OpenAI chat
 * completions at /v1/chat/completions, Anthropic messages at /v1/messages, scripted replies, a request
 * log and injected faults. Nothing leaves the machine.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  anthropicErrorBody,
  anthropicReplyBody,
  defaultAnthropicUsage,
  signatureFor,
  summarizeAnthropicRequest,
  validateAnthropicRequest,
} from './anthropic-wire.js';
import {
  defaultOpenAIUsage,
  maskKey,
  openAIErrorBody,
  openAIReplyBody,
  openAIStatusError,
  summarizeOpenAIRequest,
  validateOpenAIRequest,
} from './openai-wire.js';
import type {
  EmulatedUsage,
  EmulatedProvider,
  FaultSpec,
  ModelEmulatorOptions,
  QueuedFault,
  RecordedModelRequest,
  ScriptedReply,
  ScriptFunction,
} from './types.js';
import type { RequestSummary, WireError } from './wire-common.js';
import { PromptCache, type CacheUsage } from './prompt-cache.js';

export const EMULATOR_OPENAI_KEY = 'sk-emulator-openai-0123456789';
export const EMULATOR_ANTHROPIC_KEY = 'sk-ant-emulator-0123456789';

export interface ModelEmulator {
  /** What the openai SDK wants as `baseURL`. */
  readonly openaiBaseUrl: string;
  /** What the anthropic SDK wants as `baseURL` (it appends /v1/messages itself). */
  readonly anthropicBaseUrl: string;
  readonly keys: { openai: string | null; anthropic: string };
  /** Every request received, in order, with what was answered. */
  readonly requests: RecordedModelRequest[];
  /** Messages of `expect` callbacks that threw. */
  readonly expectationFailures: string[];
  /** Replies not yet used. */
  readonly remainingScript: number;
  /** Queues replies (appended to any still queued), or sets a function that answers once the queue is empty. */
  script(steps: ScriptedReply[] | ScriptFunction): void;
  readonly faults: { add(fault: QueuedFault): void; clear(): void };
  /** Forgets script, faults and the request log. */
  reset(): void;
  close(): Promise<void>;
}

interface FaultEntry {
  fault: QueuedFault;
  remaining: number;
}

const PROVIDER_PATHS: Record<string, EmulatedProvider> = {
  '/v1/chat/completions': 'openai',
  '/v1/messages': 'anthropic',
};

export async function startModelEmulator(options: ModelEmulatorOptions = {}): Promise<ModelEmulator> {
  const openaiKey = options.openaiApiKey === undefined ? EMULATOR_OPENAI_KEY : options.openaiApiKey;
  const anthropicKey = options.anthropicApiKey ?? EMULATOR_ANTHROPIC_KEY;
  const requests: RecordedModelRequest[] = [];
  const expectationFailures: string[] = [];
  const faultQueue: FaultEntry[] = [];
  const signatures = new Map<string, string>();
  let promptCache = new PromptCache();
  // A scripted usage is taken as given; otherwise the cache decides what of the prompt was read or written.
  // The prompt is counted the way the cache counts it when that is more, so read + write never exceed it.
  const withCache = (usage: EmulatedUsage, step: ScriptedReply, cache: () => CacheUsage): EmulatedUsage => {
    if (step.usage) return usage;
    const { read, write, prompt } = cache();
    return { ...usage, input: read + write > 0 ? Math.max(usage.input, prompt) : usage.input, cacheRead: read, cacheWrite: write };
  };
  let steps: ScriptedReply[] = [];
  let scriptFunction: ScriptFunction | undefined;
  let scriptedCount = 0;

  const takeFault = (provider: EmulatedProvider): FaultSpec | undefined => {
    const entry = faultQueue.find((candidate) => !candidate.fault.provider || candidate.fault.provider === provider);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) faultQueue.splice(faultQueue.indexOf(entry), 1);
    return entry.fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const provider = PROVIDER_PATHS[path];
    const raw = await readBody(req);
    if (req.method !== 'POST' || !provider) {
      send(res, 404, { error: { message: `model emulator: no route for ${req.method} ${path}`, type: 'invalid_request_error' } });
      return;
    }
    const body = parseObject(raw);
    const summary: RequestSummary = body
      ? provider === 'openai'
        ? summarizeOpenAIRequest(body)
        : summarizeAnthropicRequest(body)
      : { model: '', system: '', messages: [], toolNames: [], toolChoice: undefined, temperature: undefined, maxTokens: undefined, estimatedInputTokens: 0 };
    const request: RecordedModelRequest = { index: requests.length, provider, path, headers: flatHeaders(req), body, ...summary };
    requests.push(request);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      request.response ??= { status };
      send(res, status, payload, { ...requestIdHeader(provider, request.index), ...headers });
    };
    const error = (wire: WireError) => reply(wire.status, wire.body);
    const statusError = (status: number, message?: string, headers?: Record<string, string>) =>
      reply(status, provider === 'openai' ? openAIStatusError(status, message) : anthropicErrorBody(status, message), headers);

    const fault = takeFault(provider);
    if (fault && (await applyFault(fault, request, res, reply, statusError))) return;

    const authFailure = provider === 'openai' ? checkOpenAIAuth(request.headers, openaiKey) : checkAnthropicAuth(request.headers, anthropicKey);
    if (authFailure) return error(authFailure);
    if (!body) return statusError(400, 'model emulator: the request body is not a JSON object');
    const invalid =
      provider === 'openai'
        ? validateOpenAIRequest(body, options)
        : validateAnthropicRequest(body, request.headers['anthropic-version'] ?? '', options, signatures);
    if (invalid) return error(invalid);

    let step: ScriptedReply | undefined = steps.shift();
    if (!step && scriptFunction) step = await scriptFunction(request, scriptedCount);
    if (!step) {
      return statusError(
        500,
        `model emulator: the script is exhausted — request #${request.index} (${provider}, model ${request.model}) has no scripted reply; add one with model.script([...])`,
      );
    }
    scriptedCount += 1;
    if (step.expect) {
      try {
        step.expect(request);
      } catch (failure) {
        const message = `model emulator: expectation failed for request #${request.index}: ${failure instanceof Error ? failure.message : String(failure)}`;
        expectationFailures.push(message);
        return statusError(400, message);
      }
    }
    if (step.fault && (await applyFault(step.fault, request, res, reply, statusError))) return;
    try {
      if (provider === 'openai') {
        const usage = withCache(defaultOpenAIUsage(step, request), step, () => promptCache.openai(body));
        request.response = { status: 200, usage };
        reply(200, openAIReplyBody(step, request, usage));
      } else {
        const usage = withCache(defaultAnthropicUsage(step, request), step, () => promptCache.anthropic(body));
        const payload = anthropicReplyBody(step, request, usage) as { content: Array<{ type: string; id?: string }> };
        if (step.thinking !== undefined) {
          for (const block of payload.content) if (block.type === 'tool_use' && block.id) signatures.set(block.id, signatureFor(request.index));
        }
        request.response = { status: 200, usage };
        reply(200, payload);
      }
    } catch (failure) {
      statusError(500, `model emulator: script error: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((failure: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `model emulator crashed: ${String(failure)}`, type: 'server_error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    openaiBaseUrl: `${origin}/v1`,
    anthropicBaseUrl: origin,
    keys: { openai: openaiKey, anthropic: anthropicKey },
    requests,
    expectationFailures,
    get remainingScript() {
      return steps.length;
    },
    script(next) {
      if (typeof next === 'function') scriptFunction = next;
      else steps.push(...next);
    },
    faults: {
      add(fault) {
        faultQueue.push({ fault, remaining: fault.times ?? 1 });
      },
      clear() {
        faultQueue.length = 0;
      },
    },
    reset() {
      steps = [];
      scriptFunction = undefined;
      scriptedCount = 0;
      faultQueue.length = 0;
      requests.length = 0;
      expectationFailures.length = 0;
      promptCache = new PromptCache();
      signatures.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}

/** Returns true when the fault answered the request; a pure delay lets the normal reply follow. */
async function applyFault(
  fault: FaultSpec,
  request: RecordedModelRequest,
  res: ServerResponse,
  reply: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  statusError: (status: number, message?: string, headers?: Record<string, string>) => void,
): Promise<boolean> {
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (res.destroyed) {
    request.response ??= { status: 0 };
    return true;
  }
  if (fault.status !== undefined) {
    if (fault.body !== undefined) reply(fault.status, fault.body, fault.headers);
    else statusError(fault.status, undefined, fault.headers);
    return true;
  }
  if (fault.malformed || fault.truncated) {
    const text = fault.malformed
      ? '<html><body><h1>502 Bad Gateway</h1>upstream sent an invalid response</body></html>'
      : JSON.stringify(
          request.provider === 'openai'
            ? openAIReplyBody({ text: 'This reply was cut off.' }, request, { input: 1, output: 1 })
            : anthropicReplyBody({ text: 'This reply was cut off.' }, request, { input: 1, output: 1 }),
        );
    const body = fault.truncated ? text.slice(0, Math.floor(text.length / 2)) : text;
    request.response = { status: 200 };
    res.writeHead(200, { 'content-type': fault.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body), ...fault.headers });
    res.end(body);
    return true;
  }
  return false;
}

function checkOpenAIAuth(headers: Record<string, string>, key: string | null): WireError | undefined {
  if (key === null) return undefined;
  const presented = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (!presented) {
    return {
      status: 401,
      body: openAIErrorBody(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
        null,
        null,
      ),
    };
  }
  if (presented !== key) {
    return {
      status: 401,
      body: openAIErrorBody(
        `Incorrect API key provided: ${maskKey(presented)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_request_error',
        null,
        'invalid_api_key',
      ),
    };
  }
  return undefined;
}

/** SDK 1.x sends the key as a bearer token; older clients send `x-api-key`. Both are accepted, as the API does. */
function checkAnthropicAuth(headers: Record<string, string>, key: string): WireError | undefined {
  if (!headers['anthropic-version']) return { status: 400, body: anthropicErrorBody(400, 'anthropic-version: header is required') };
  const presented = headers['x-api-key'] ?? /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (presented !== key) return { status: 401, body: anthropicErrorBody(401, 'invalid x-api-key') };
  return undefined;
}

function requestIdHeader(provider: EmulatedProvider, index: number): Record<string, string> {
  return provider === 'openai' ? { 'x-request-id': `req_emu${index}`, 'openai-processing-ms': '1' } : { 'request-id': `req_emu${index}` };
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

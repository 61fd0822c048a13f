/**
 * The model client every agent uses: one chat call = budget checks, retries on the chosen provider,
 * fallback to the second provider, usage and cost recorded under whoever answered.
 */
import { assertCallFitsBudget, assertCallFitsInputLimit, assertSpendingWithinBudget } from './budget.js';
import { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { costUsd, DEFAULT_PRICES, findPrice } from './prices.js';
import { toModelError, withPrimaryContext } from './provider-failure.js';
import { createProviderAdapter } from './providers/create-adapter.js';
import type { ProviderAdapter, ProviderReply } from './providers/provider-adapter.js';
import { isRejectedConfiguration, ProviderCallError } from './providers/provider-call-error.js';
import { estimateRequestTokens } from './request-size.js';
import { RetriesExhaustedError, withRetries } from './retry.js';
import { requestStructured } from './structured-output.js';
import type {
  CallUsage,
  ChatRequest,
  ChatResult,
  ModelClient,
  ModelClientOptions,
  ModelPrice,
  ModelSettings,
  RunUsage,
  StructuredRequest,
  StructuredResult,
} from './types.js';
import { estimateTokens } from './untrusted.js';
import { UsageLedger } from './usage-ledger.js';
import { validateModelClientOptions } from './validate-options.js';

interface Target {
  settings: ModelSettings;
  adapter: ProviderAdapter;
  role: 'primary' | 'fallback';
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createModelClient(options: ModelClientOptions): ModelClient {
  validateModelClientOptions(options);
  const log = options.log ?? (() => undefined);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const prices = { ...DEFAULT_PRICES, ...options.prices };
  const ledger = new UsageLedger();
  const warnedUnpriced = new Set<string>();

  const makeTarget = (settings: ModelSettings, role: Target['role']): Target => {
    const withDefaults = { ...settings, timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    return { settings: withDefaults, adapter: createProviderAdapter(withDefaults, log), role };
  };
  const primary = makeTarget(options.primary, 'primary');
  const fallback = options.fallback ? makeTarget(options.fallback, 'fallback') : undefined;
  // A refused key or unknown model will not start working mid-run; later calls skip straight to the fallback.
  let primaryRefused = false;

  const priceOf = (settings: ModelSettings): ModelPrice | undefined => {
    const price = findPrice(prices, settings.model);
    if (!price && !warnedUnpriced.has(settings.model)) {
      warnedUnpriced.add(settings.model);
      log(
        `No price is known for model '${settings.model}' (${settings.provider}); its calls count as $0 against ` +
          `max-cost-usd. Set models.prices for it in the policy file to budget it.`,
      );
    }
    return price;
  };

  const attempt = async (target: Target, request: ChatRequest, estimatedInputTokens: number): Promise<ChatResult> => {
    const { settings } = target;
    const price = priceOf(settings);
    assertCallFitsBudget(options.budget, ledger.spentUsd, costUsd(price, estimatedInputTokens, 0));
    const { value: reply } = await withRetries(
      () =>
        target.adapter.send({
          model: settings.model,
          system: request.system,
          messages: request.messages,
          tools: request.tools,
          toolChoice: request.toolChoice,
          temperature: request.temperature ?? settings.temperature,
          maxOutputTokens: request.maxOutputTokens ?? settings.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
          ...(request.cacheConversation ? { cacheConversation: true } : {}),
        }),
      { maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES, sleep, random, log },
    );
    const usage = usageOf(reply, estimatedInputTokens, price);
    ledger.record(settings.provider, settings.model, usage);
    assertSpendingWithinBudget(options.budget, ledger.spentUsd);
    return {
      message: {
        role: 'assistant',
        ...(reply.text ? { content: reply.text } : {}),
        ...(reply.toolCalls.length > 0 ? { toolCalls: reply.toolCalls } : {}),
        ...(reply.providerContent ? { providerContent: { provider: settings.provider, model: settings.model, blocks: reply.providerContent } } : {}),
      },
      text: reply.text,
      toolCalls: reply.toolCalls,
      stopReason: reply.stopReason,
      usage,
      provider: settings.provider,
      model: reply.model || settings.model,
    };
  };

  /** One target, its failure translated into the typed error the caller sees. */
  const attemptOrExplain = async (target: Target, request: ChatRequest, estimatedInputTokens: number): Promise<Outcome> => {
    try {
      return { ok: true, result: await attempt(target, request, estimatedInputTokens) };
    } catch (error) {
      if (!(error instanceof ProviderCallError || error instanceof RetriesExhaustedError)) throw error;
      return {
        ok: false,
        failure: toModelError(error, target.settings),
        // Worth another provider: this one is down, or refuses the key or model. A bad request is bad everywhere.
        mayFallBack: error instanceof RetriesExhaustedError || isRejectedConfiguration(error),
        refused: error instanceof ProviderCallError,
      };
    }
  };

  const chat = async (request: ChatRequest): Promise<ChatResult> => {
    if (request.messages.length === 0) throw new Error('A model call needs at least one message.');
    const estimatedInputTokens = estimateRequestTokens(request);
    assertCallFitsInputLimit(options.budget, estimatedInputTokens);
    if (primaryRefused && fallback) return orThrow(await attemptOrExplain(fallback, request, estimatedInputTokens));

    const first = await attemptOrExplain(primary, request, estimatedInputTokens);
    if (first.ok) return first.result;
    if (!fallback || !first.mayFallBack) throw first.failure;
    if (first.refused) primaryRefused = true;
    log(`${first.failure.message} — sending the call to the fallback ${fallback.settings.provider} (${fallback.settings.model}).`);
    const second = await attemptOrExplain(fallback, request, estimatedInputTokens);
    if (second.ok) return second.result;
    throw withPrimaryContext(second.failure, first.failure, primary.settings);
  };

  return {
    chat,
    structured: <T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> => requestStructured(chat, request),
    get usage(): RunUsage {
      return ledger.snapshot();
    },
  };
}

type Outcome = { ok: true; result: ChatResult } | { ok: false; failure: Error; mayFallBack: boolean; refused: boolean };

function orThrow(outcome: Outcome): ChatResult {
  if (outcome.ok) return outcome.result;
  throw outcome.failure;
}

/** OpenAI-compatible servers may omit usage; the estimate then keeps budgets meaningful. */
function usageOf(reply: ProviderReply, estimatedInputTokens: number, price: ModelPrice | undefined): CallUsage {
  const inputTokens = reply.usage?.inputTokens ?? estimatedInputTokens;
  const outputTokens = reply.usage?.outputTokens ?? estimateTokens(reply.text + reply.toolCalls.map((call) => JSON.stringify(call.arguments)).join(''));
  // Cached and written tokens are part of inputTokens (budgets count every prompt token) and priced apart.
  const cache = { cachedInputTokens: reply.usage?.cachedInputTokens ?? 0, cacheWriteTokens: reply.usage?.cacheWriteTokens ?? 0 };
  return { inputTokens, outputTokens, costUsd: costUsd(price, inputTokens, outputTokens, cache), ...cache };
}

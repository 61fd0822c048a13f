/**
 * Prompt caching as each provider reports it, so tests and the bench see what a run's cache would save.
 * Token counts are characters / 4 of the request's blocks, like the emulator's other estimates.
 *
 * Anthropic caches only at `cache_control` breakpoints (tools, then system, then messages, in that order): a
 * breakpoint whose prefix was written before is read; otherwise the API looks back up to 20 blocks for an
 * earlier written prefix, reads that and writes the rest up to the breakpoint. Prefixes shorter than the
 * minimum cacheable length are neither read nor written.
 * OpenAI caches every prompt of 1,024 tokens or more on its own: the longest prefix shared with an earlier
 * prompt of the same model is read, counted in 128-token steps from 1,024.
 */
import { createHash } from 'node:crypto';
import { asArray, asRecord } from './wire-common.js';

export const MIN_CACHEABLE_TOKENS = 1024;
const LOOKBACK_BLOCKS = 20;
const OPENAI_STEP = 128;

export interface CacheUsage {
  /** Prompt tokens read from the cache. */
  read: number;
  /** Prompt tokens written to the cache (Anthropic only). */
  write: number;
  /** The whole prompt as the cache counts it. */
  prompt: number;
}

interface Block {
  text: string;
  breakpoint: boolean;
}

function withoutCacheControl(value: unknown): string {
  const { cache_control: _ignored, ...rest } = asRecord(value);
  return JSON.stringify(rest);
}

/** Tools, system and message blocks in the order the API forms its cache prefix. */
function anthropicBlocks(body: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  for (const tool of asArray(body.tools)) blocks.push({ text: withoutCacheControl(tool), breakpoint: asRecord(tool).cache_control !== undefined });
  if (typeof body.system === 'string') blocks.push({ text: body.system, breakpoint: false });
  for (const block of asArray(body.system)) blocks.push({ text: withoutCacheControl(block), breakpoint: asRecord(block).cache_control !== undefined });
  for (const raw of asArray(body.messages)) {
    const message = asRecord(raw);
    const role = String(message.role ?? '');
    if (typeof message.content === 'string') {
      blocks.push({ text: `${role}:${message.content}`, breakpoint: false });
      continue;
    }
    for (const block of asArray(message.content))
      blocks.push({ text: `${role}:${withoutCacheControl(block)}`, breakpoint: asRecord(block).cache_control !== undefined });
  }
  return blocks;
}

function tokens(characters: number): number {
  return Math.floor(characters / 4);
}

export class PromptCache {
  private readonly anthropicPrefixes = new Set<string>();
  private readonly openaiPrompts: string[] = [];

  /** What an Anthropic request reads and writes; remembers what it wrote. */
  anthropic(body: Record<string, unknown>): CacheUsage {
    const blocks = anthropicBlocks(body);
    const model = String(body.model ?? '');
    // Prefix hash and length after each block.
    const hashes: string[] = [];
    const lengths: number[] = [];
    const hash = createHash('sha256').update(model);
    let length = 0;
    for (const block of blocks) {
      hash.update(`\u0000${block.text}`);
      length += block.text.length;
      hashes.push(hash.copy().digest('hex'));
      lengths.push(length);
    }
    const breakpoints = blocks.flatMap((block, i) => (block.breakpoint ? [i] : []));
    let read = 0;
    for (const point of breakpoints) {
      for (let i = point; i >= Math.max(0, point - LOOKBACK_BLOCKS); i--) {
        if (this.anthropicPrefixes.has(hashes[i] ?? '')) {
          read = Math.max(read, tokens(lengths[i] ?? 0));
          break;
        }
      }
    }
    let write = 0;
    for (const point of breakpoints) {
      const size = tokens(lengths[point] ?? 0);
      if (size < MIN_CACHEABLE_TOKENS) continue;
      this.anthropicPrefixes.add(hashes[point] ?? '');
      write = Math.max(write, size - read);
    }
    return { read, write: Math.max(0, write), prompt: tokens(length) };
  }

  /** What an OpenAI request reads from the automatic cache; remembers the prompt. */
  openai(body: Record<string, unknown>): CacheUsage {
    const text = `${String(body.model ?? '')}\u0000${JSON.stringify(body.tools ?? [])}\u0000${asArray(body.messages)
      .map((message) => JSON.stringify(message))
      .join('\u0000')}`;
    let shared = 0;
    for (const earlier of this.openaiPrompts) {
      let i = 0;
      const limit = Math.min(earlier.length, text.length);
      while (i < limit && earlier.charCodeAt(i) === text.charCodeAt(i)) i++;
      shared = Math.max(shared, i);
    }
    this.openaiPrompts.push(text);
    const sharedTokens = tokens(shared);
    const prompt = tokens(text.length);
    if (sharedTokens < MIN_CACHEABLE_TOKENS) return { read: 0, write: 0, prompt };
    return { read: MIN_CACHEABLE_TOKENS + Math.floor((sharedTokens - MIN_CACHEABLE_TOKENS) / OPENAI_STEP) * OPENAI_STEP, write: 0, prompt };
  }
}

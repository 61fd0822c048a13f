/**
 * Keeps the conversation within reach of the model's context: old tool outputs (file contents, test logs)
 * are replaced by a note once the history grows large. The model can call the tool again if it needs one.
 */
import type { Message } from '../../core/llm/index.js';

export const COMPACT_HISTORY_AT_CHARS = 240_000;
const KEEP_RECENT_MESSAGES = 8;
const KEPT_PREFIX = 300;

function size(messages: readonly Message[]): number {
  return messages.reduce((sum, message) => {
    if (message.role === 'assistant') return sum + (message.content?.length ?? 0) + JSON.stringify(message.toolCalls ?? []).length;
    return sum + message.content.length;
  }, 0);
}

/** Pure: the history to send, old tool results shortened (oldest first) until it fits `limitChars`. */
export function compactHistory(messages: readonly Message[], limitChars: number = COMPACT_HISTORY_AT_CHARS): Message[] {
  const out = [...messages];
  let total = size(out);
  for (let i = 0; i < out.length - KEEP_RECENT_MESSAGES && total > limitChars; i++) {
    const message = out[i];
    if (message?.role !== 'tool' || message.content.length <= KEPT_PREFIX + 100) continue;
    const shortened = `${message.content.slice(0, KEPT_PREFIX)}\n[… older tool output elided to save context; call the tool again if you need it]`;
    total -= message.content.length - shortened.length;
    out[i] = { ...message, content: shortened };
  }
  return out;
}

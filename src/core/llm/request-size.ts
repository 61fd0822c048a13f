/** How big a request is before it is sent, for the per-call limit and the pre-call budget check. */
import type { ChatRequest } from './types.js';
import { CHARACTERS_PER_TOKEN } from './untrusted.js';

/** Counts everything the provider bills as input: system prompt, every message, tool definitions. */
export function estimateRequestTokens(request: Pick<ChatRequest, 'system' | 'messages' | 'tools'>): number {
  let characters = request.system.length;
  for (const message of request.messages) {
    if (message.role === 'tool') {
      characters += message.content.length;
    } else {
      characters += message.content?.length ?? 0;
      if (message.role === 'assistant') {
        for (const call of message.toolCalls ?? []) {
          characters += call.name.length + (call.invalidArguments ?? JSON.stringify(call.arguments)).length;
        }
      }
    }
  }
  if (request.tools && request.tools.length > 0) characters += JSON.stringify(request.tools).length;
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

import { describe, expect, it } from 'vitest';
import { estimateRequestTokens, estimateStructuredRequestTokens, type ChatRequest, type ChatResult } from '../../src/core/llm/index.js';
import { requestStructured } from '../../src/core/llm/structured-output.js';
import { modelFindingSchema, reviewReplySchema, CTO_CATEGORIES } from '../../src/review/finding-schema.js';
import { REVIEW_TOOL_DESCRIPTION, REVIEW_TOOL_NAME } from '../../src/review/model-pass.js';

describe('the budget measures what the model layer will measure', () => {
  it('estimateStructuredRequestTokens equals the estimate of the chat request structured() sends', async () => {
    const sent: ChatRequest[] = [];
    const chat = async (request: ChatRequest): Promise<ChatResult> => {
      sent.push(request);
      const call = { id: 'c1', name: REVIEW_TOOL_NAME, arguments: { findings: [] } };
      return {
        message: { role: 'assistant', toolCalls: [call] },
        text: '',
        toolCalls: [call],
        stopReason: 'tool_calls',
        usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 },
        provider: 'openai',
        model: 'm',
      };
    };
    const request = {
      system: 'Review this.',
      messages: [{ role: 'user' as const, content: 'x'.repeat(12_345) }],
      schema: reviewReplySchema(modelFindingSchema(CTO_CATEGORIES)),
      name: REVIEW_TOOL_NAME,
      description: REVIEW_TOOL_DESCRIPTION,
    };
    await requestStructured(chat, request);
    expect(sent).toHaveLength(1);
    const [first] = sent;
    if (!first) throw new Error('nothing sent');
    expect(estimateStructuredRequestTokens(request)).toBe(estimateRequestTokens(first));
    expect(estimateStructuredRequestTokens(request)).toBeGreaterThan(12_345 / 4);
  });
});

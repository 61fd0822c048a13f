import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { readMarker } from '../../src/core/markers/registry.js';
import { outbound } from '../../src/core/outbound-gate.js';
import type { ChunkPlan } from '../../src/review/budget.js';
import { CTO_CATEGORIES, modelFindingSchema, reviewReplySchema } from '../../src/review/finding-schema.js';
import type { ModelPassRequest, ModelPassResult } from '../../src/review/model-pass.js';
import { promptDigest, recordKey, recordText, verifyRecord, type RecordBinding } from '../../src/review/recorded-pass.js';

const schema = reviewReplySchema(modelFindingSchema(CTO_CATEGORIES));
const request: ModelPassRequest = { system: 'Review this.', schema, maxOutputTokens: 2000, temperature: 0.1 };
const chunk = {
  part: 1,
  parts: 1,
  pieces: [],
  files: ['src/a.ts'],
  message: 'diff --git a/src/a.ts',
  estimatedTokens: 10,
  surroundingsFor: [],
} as unknown as ChunkPlan;
const key = recordKey('sk-model-key-for-the-seal');
const binding: RecordBinding = { reviewer: 'cto-review', headSha: 'a'.repeat(40), settingsKey: 'k1', prompt: promptDigest('openai/gpt', request, [chunk]) };
const pass: ModelPassResult = {
  findings: [
    {
      file: 'src/a.ts',
      line: 3,
      severity: 'high',
      category: 'correctness',
      title: 'Off by one',
      body: 'The loop stops early.',
      origin: 'model',
      suggestion: undefined,
    },
  ],
  outsideChunk: [{ file: 'src/b.ts', title: 'Elsewhere' }],
  calls: 1,
};

function recorded(text = recordText(key, binding, pass, 0.0123)) {
  return verifyRecord(key, text, binding, schema);
}

describe('the recorded model answer', () => {
  it('reads back exactly what was recorded, with the cost the recording run spent', () => {
    expect(recorded()).toEqual({
      pass: {
        findings: [
          { file: 'src/a.ts', line: 3, severity: 'high', category: 'correctness', title: 'Off by one', body: 'The loop stops early.', origin: 'model' },
        ],
        outsideChunk: pass.outsideChunk,
        calls: 1,
      },
      costUsd: 0.0123,
    });
  });

  it('is refused when any binding differs: reviewer, head, settings or prompt', () => {
    const text = recordText(key, binding, pass, 0);
    expect(verifyRecord(key, text, { ...binding, reviewer: 'ciso-review' }, schema)).toEqual({ refused: 'recorded by cto-review' });
    expect(verifyRecord(key, text, { ...binding, headSha: 'b'.repeat(40) }, schema)).toEqual({ refused: 'recorded for head aaaaaaa' });
    expect(verifyRecord(key, text, { ...binding, settingsKey: 'k2' }, schema)).toEqual({ refused: 'recorded with other settings' });
    const otherPrompt = promptDigest('openai/gpt', request, [{ ...chunk, message: 'diff --git a/src/a.ts (edited description)' }]);
    expect(verifyRecord(key, text, { ...binding, prompt: otherPrompt }, schema)).toEqual({ refused: 'recorded for another prompt' });
  });

  it('is refused when its content changed or another key sealed it', () => {
    const text = recordText(key, binding, pass, 0) ?? '';
    const data = readMarker('review-record', text);
    expect(verifyRecord(key, formatMarker('review-record', { ...data, findings: [] }), binding, schema)).toEqual({ refused: 'its seal does not match' });
    expect(verifyRecord(key, formatMarker('review-record', { ...data, costUsd: 5 }), binding, schema)).toEqual({ refused: 'its seal does not match' });
    expect(verifyRecord(recordKey('another-key'), text, binding, schema)).toEqual({ refused: 'its seal does not match' });
    expect(verifyRecord(key, 'no record here', binding, schema)).toEqual({ refused: 'no record' });
  });

  it('carries no secret the run knows: the findings are redacted before they are sealed', () => {
    const secret = 'ghp_RecordedSecretValue1234567890abcdEF';
    outbound.add([secret]);
    const leaking: ModelPassResult = { ...pass, findings: [{ ...pass.findings[0]!, body: `The token ${secret} is committed.` }] };
    const text = recordText(key, binding, leaking, 0) ?? '';
    expect(text).not.toContain(secret);
    const back = recorded(text);
    expect('pass' in back && back.pass.findings[0]?.body).not.toContain(secret);
  });

  it('is not written when it would not fit a check run', () => {
    const many: ModelPassResult = {
      ...pass,
      findings: Array.from({ length: 40 }, (_, index) => ({ ...pass.findings[0]!, line: index + 1, body: 'x'.repeat(2000) })),
    };
    expect(recordText(key, binding, many, 0)).toBeUndefined();
  });
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelOutputError } from '../../../src/core/llm/index.js';
import { toolSpecFor } from '../../../src/core/llm/structured-output.js';
import { startModelEmulator, type ModelEmulator } from '../../../src/emulators/model/index.js';
import { anthropicSettings, emulatedClient, openaiSettings } from './emulated-client.js';

const findingsSchema = z.object({
  findings: z.array(
    z.object({
      file: z.string(),
      line: z.number().int().positive(),
      severity: z.enum(['critical', 'high', 'medium', 'low']),
      title: z.string().min(1),
    }),
  ),
  summary: z.string().default(''),
});

const validFindings = { findings: [{ file: 'src/a.ts', line: 3, severity: 'high', title: 'SQL built from input' }] };

const structuredRequest = {
  system: 'You review code.',
  messages: [{ role: 'user' as const, content: 'Review this diff.' }],
  schema: findingsSchema,
  name: 'report_findings',
  description: 'Report the review findings',
};

let model: ModelEmulator;

beforeEach(async () => {
  model ??= await startModelEmulator();
  model.reset();
});

afterAll(async () => {
  await model?.close();
});

describe.each([
  ['openai', (m: ModelEmulator) => openaiSettings(m)],
  ['anthropic', (m: ModelEmulator) => anthropicSettings(m)],
] as const)('structured output through %s', (_provider, settingsFor) => {
  it('forces a tool named after the schema and returns the validated value', async () => {
    model.script([{ toolCalls: [{ name: 'report_findings', arguments: validFindings }], usage: { input: 50, output: 20 } }]);
    const { client } = emulatedClient(settingsFor(model));

    const { value, usage } = await client.structured(structuredRequest);

    expect(value).toEqual({ ...validFindings, summary: '' });
    expect(usage).toMatchObject({ inputTokens: 50, outputTokens: 20 });
    const [request] = model.requests;
    expect(request?.toolNames).toEqual(['report_findings']);
    expect(request?.toolChoice).toEqual({ name: 'report_findings' });
    expect(request?.system).toContain("calling the tool 'report_findings'");
  });

  it('sends the validation problems back once and accepts the repaired call', async () => {
    model.script([
      { toolCalls: [{ name: 'report_findings', arguments: { findings: [{ file: 'src/a.ts', line: -1, severity: 'urgent', title: 'x' }] } }] },
      {
        toolCalls: [{ name: 'report_findings', arguments: validFindings }],
        expect: (request) => {
          const feedback = request.messages.at(-1)?.text ?? '';
          if (!feedback.includes('line') || !feedback.includes('severity')) throw new Error(`no validation feedback in: ${feedback}`);
        },
      },
    ]);
    const { client } = emulatedClient(settingsFor(model));

    const { value, usage } = await client.structured(structuredRequest);

    expect(model.expectationFailures).toEqual([]);
    expect(value.findings[0]?.severity).toBe('high');
    expect(model.requests).toHaveLength(2);
    expect(usage.inputTokens).toBe((model.requests[0]?.response?.usage?.input ?? 0) + (model.requests[1]?.response?.usage?.input ?? 0));
  });

  it('throws ModelOutputError naming what was invalid after the repair also fails', async () => {
    const invalid = { toolCalls: [{ name: 'report_findings', arguments: { findings: [{ file: 'a', line: 0, severity: 'low', title: 'x' }] } }] };
    model.script([invalid, invalid]);
    const { client } = emulatedClient(settingsFor(model));

    const failure = await client.structured(structuredRequest).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelOutputError);
    const error = failure as ModelOutputError;
    expect(error.schemaName).toBe('report_findings');
    expect(error.message).toContain("output for 'report_findings' did not match its schema");
    expect(error.message).toMatch(/findings\[0\]\.line|findings.0.line|line/);
    expect(model.requests).toHaveLength(2);
    expect(client.usage.calls).toBe(2);
  });

  it('treats an answer without the tool call as invalid and asks for the call', async () => {
    model.script([
      { text: 'Looks fine to me.' },
      {
        toolCalls: [{ name: 'report_findings', arguments: { findings: [] } }],
        expect: (request) => {
          if (!request.messages.at(-1)?.text.includes("calling the tool 'report_findings'")) throw new Error('no request to call the tool');
        },
      },
    ]);
    const { client } = emulatedClient(settingsFor(model));

    const { value } = await client.structured(structuredRequest);

    expect(model.expectationFailures).toEqual([]);
    expect(value).toEqual({ findings: [], summary: '' });
  });
});

describe('structured output details', () => {
  it('repairs arguments that are not JSON at all', async () => {
    model.script([
      { toolCalls: [{ name: 'report_findings', arguments: '{"findings": [' }] },
      { toolCalls: [{ name: 'report_findings', arguments: validFindings }] },
    ]);
    const { client } = emulatedClient(openaiSettings(model));

    const { value } = await client.structured(structuredRequest);

    expect(value.findings).toHaveLength(1);
    expect(model.requests[1]?.messages.at(-1)?.text).toContain('not a JSON object');
  });

  it('still works on an Anthropic model that refuses a forced tool choice', async () => {
    const strict = await startModelEmulator({ modelsRefusingForcedToolChoice: ['claude-fable-5-1'] });
    try {
      strict.script([{ thinking: '', toolCalls: [{ name: 'report_findings', arguments: validFindings }] }]);
      const { client } = emulatedClient(anthropicSettings(strict, { model: 'claude-fable-5-1' }));

      const { value } = await client.structured(structuredRequest);

      expect(value.findings).toHaveLength(1);
      expect(strict.requests.map((request) => request.response?.status)).toEqual([400, 200]);
    } finally {
      await strict.close();
    }
  });

  it('describes the schema as JSON schema without the dialect, defaulted fields optional', () => {
    const spec = toolSpecFor(structuredRequest);

    expect(spec.name).toBe('report_findings');
    expect(spec.parameters).not.toHaveProperty('$schema');
    expect(spec.parameters.type).toBe('object');
    expect(spec.parameters.required).toEqual(['findings']);
  });

  it('refuses a schema that is not an object and a name that cannot be a tool name', async () => {
    const { client } = emulatedClient(openaiSettings(model));

    expect(() => toolSpecFor({ schema: z.array(z.string()), name: 'list', description: 'd' })).toThrow(/needs an object schema/);
    await expect(client.structured({ ...structuredRequest, name: 'report findings!' })).rejects.toThrow(/must be 1-64 letters/);
    expect(model.requests).toHaveLength(0);
  });
});

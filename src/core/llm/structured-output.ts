/**
 * Structured output as a forced call of a tool named after the schema: the one mechanism that works the
 * same on OpenAI, Anthropic and compatible servers. The arguments are validated with zod; one repair
 * round sends the problems back; a second failure is a ModelOutputError.
 */
import { z } from 'zod';
import { ModelOutputError } from './model-errors.js';
import { estimateRequestTokens } from './request-size.js';
import { addUsage } from './usage-ledger.js';
import type { ChatRequest, ChatResult, Message, StructuredRequest, StructuredResult, ToolCall, ToolSpec } from './types.js';

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PROBLEM_LENGTH = 2_000;

type Verdict<T> = { ok: true; value: T } | { ok: false; problems: string; repair: Message[] };

export async function requestStructured<T>(chat: (request: ChatRequest) => Promise<ChatResult>, request: StructuredRequest<T>): Promise<StructuredResult<T>> {
  if (!TOOL_NAME.test(request.name)) {
    throw new Error(`Structured output name '${request.name}' must be 1-64 letters, digits, '_' or '-' (it becomes a tool name).`);
  }
  const tool = toolSpecFor(request);
  const ask = (messages: Message[]) =>
    chat({
      system: structuredSystemPrompt(request),
      messages,
      tools: [tool],
      toolChoice: { name: request.name },
      temperature: request.temperature,
      maxOutputTokens: request.maxOutputTokens,
    });

  const first = await ask(request.messages);
  const firstVerdict = judge(first, request);
  if (firstVerdict.ok) return { value: firstVerdict.value, usage: first.usage };

  const second = await ask([...request.messages, ...firstVerdict.repair]);
  const usage = addUsage(first.usage, second.usage);
  const secondVerdict = judge(second, request);
  if (secondVerdict.ok) return { value: secondVerdict.value, usage };
  throw new ModelOutputError(
    `The model's output for '${request.name}' did not match its schema, even after one repair attempt: ${secondVerdict.problems}`,
    request.name,
    secondVerdict.problems,
  );
}

// Said in words too: some models refuse a forced tool choice and then only have the prompt to go by.
function structuredSystemPrompt<T>(request: Pick<StructuredRequest<T>, 'system' | 'name'>): string {
  return `${request.system}\n\nAnswer by calling the tool '${request.name}' exactly once.`;
}

/**
 * The input tokens the first call of `structured(request)` will be estimated at (system prompt with its
 * instruction, messages, the tool definition): what callers that chunk their input must stay under. A repair
 * call adds the model's reply and the problems found.
 */
export function estimateStructuredRequestTokens<T>(request: Pick<StructuredRequest<T>, 'system' | 'messages' | 'schema' | 'name' | 'description'>): number {
  return estimateRequestTokens({ system: structuredSystemPrompt(request), messages: request.messages, tools: [toolSpecFor(request)] });
}

/** The zod schema as JSON schema for the tool's parameters; input side, so defaulted fields stay optional. */
export function toolSpecFor<T>(request: Pick<StructuredRequest<T>, 'schema' | 'name' | 'description'>): ToolSpec {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(request.schema, { io: 'input' }) as Record<string, unknown>;
  if (parameters.type !== 'object') {
    throw new Error(`Structured output '${request.name}' needs an object schema: tool arguments are always a JSON object.`);
  }
  return { name: request.name, description: request.description, parameters };
}

function judge<T>(result: ChatResult, request: StructuredRequest<T>): Verdict<T> {
  const call = result.toolCalls.find((candidate) => candidate.name === request.name);
  if (!call) {
    const problems = `the model did not call '${request.name}'${result.text ? ` and answered with text instead` : ''}`;
    const repair: Message[] = [
      ...echoAssistant(result),
      ...answerOtherCalls(result.toolCalls, undefined, request.name),
      { role: 'user', content: `You must answer by calling the tool '${request.name}' with arguments that match its schema.` },
    ];
    return { ok: false, problems, repair };
  }
  let problems: string;
  if (call.invalidArguments !== undefined) {
    problems = `the arguments are not a JSON object: ${truncate(call.invalidArguments, 200)}`;
  } else {
    const parsed = request.schema.safeParse(call.arguments);
    if (parsed.success) return { ok: true, value: parsed.data };
    problems = truncate(z.prettifyError(parsed.error), MAX_PROBLEM_LENGTH);
  }
  return {
    ok: false,
    problems,
    repair: [
      ...echoAssistant(result),
      {
        role: 'tool',
        toolCallId: call.id,
        isError: true,
        content: `These arguments are invalid:\n${problems}\nCall '${request.name}' again with corrected arguments that match the schema.`,
      },
      ...answerOtherCalls(result.toolCalls, call, request.name),
    ],
  };
}

/** The model's own turn goes back into the history so the correction refers to it. */
function echoAssistant(result: ChatResult): Message[] {
  const { message } = result;
  const empty = !message.content && (message.toolCalls?.length ?? 0) === 0 && !message.providerContent;
  return empty ? [] : [message];
}

/** Providers require an answer to every tool call in the history, including ones we did not ask for. */
function answerOtherCalls(calls: ToolCall[], handled: ToolCall | undefined, wanted: string): Message[] {
  return calls
    .filter((call) => call !== handled)
    .map((call) => ({ role: 'tool', toolCallId: call.id, isError: true, content: `Unknown tool; call '${wanted}' instead.` }));
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/**
 * The model's answer, kept where a rerun can find it and nobody else can forge it. Right after the model answers,
 * the review writes its findings into the output text of its own check run, bound to the reviewer, the head, the
 * settings and the exact prompt, and sealed with an HMAC whose key is derived from the model key (a secret the
 * pull request's author does not hold). When a write fails later and the job is re-run, the rerun reads the
 * record back from a check run of the bot's own app on that head, verifies every binding and the seal, and
 * publishes from it without asking the model again. A record that fails any check counts for nothing: the
 * model is asked as on a first run.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { REVIEW_RECORD_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker, writeMarker } from '../core/markers/registry.js';
import type { ReviewRecord } from '../core/markers/schemas.js';
import { outbound } from '../core/outbound-gate.js';
import type { RepoRef } from '../core/repo.js';
import type { ChunkPlan } from './budget.js';
import { botAppSlug } from './check-run.js';
import type { ModelPassRequest, ModelPassResult } from './model-pass.js';
import type { ReviewerName } from './profile.js';
import { sha256 } from '../core/digest.js';

/** GitHub's limit on a check run's output text. */
const TEXT_LIMIT = 65_535;

/** What a record is bound to: a record made for anything else is not this review's. */
export interface RecordBinding {
  reviewer: ReviewerName;
  headSha: string;
  settingsKey: string;
  /** `promptDigest` of the plan this run would send. */
  prompt: string;
}

/** A model pass read back from a record, with the model calls and cost the recording run spent on it. */
export interface RecordedPass {
  pass: ModelPassResult;
  costUsd: number;
  checkRunId: number;
  /** The check run's output text holding the record, kept on this run's own check run. */
  text: string;
}

/** The sealing key, derived from the model key so that the key itself never appears anywhere. */
export function recordKey(modelKey: string): Buffer {
  return createHmac('sha256', modelKey).update('agentic-workflow review record v1').digest();
}

/** Pure: SHA-256 of everything the model is sent, so a changed description, diff or prompt asks the model again. */
export function promptDigest(modelName: string, request: ModelPassRequest, chunks: readonly ChunkPlan[]): string {
  const sent = {
    model: modelName,
    system: request.system,
    temperature: request.temperature,
    maxOutputTokens: request.maxOutputTokens,
    messages: chunks.map((chunk) => chunk.message),
  };
  return sha256(JSON.stringify(sent));
}

type Sealed = Omit<ReviewRecord, 'v' | 'seal'>;

function sealOf(key: Buffer, record: Sealed): string {
  // Fixed field order: the seal covers the same bytes when the record is read back.
  const canonical = JSON.stringify([
    record.reviewer,
    record.head,
    record.settings,
    record.prompt,
    record.calls,
    record.costUsd,
    record.findings,
    record.outside,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/**
 * Pure: the output text that records `pass`, or undefined when it does not fit a check run. Every string passes
 * the outbound gate's redaction first, as the write will, so the text GitHub stores is the text that was sealed.
 */
export function recordText(key: Buffer, binding: RecordBinding, pass: ModelPassResult, costUsd: number): string | undefined {
  const unsealed: Sealed = outbound.redactValue({
    reviewer: binding.reviewer,
    head: binding.headSha,
    settings: binding.settingsKey,
    prompt: binding.prompt,
    calls: pass.calls,
    costUsd,
    findings: pass.findings.map(({ origin: _origin, ruleId: _rule, ...finding }) => JSON.parse(JSON.stringify(finding)) as Record<string, unknown>),
    outside: pass.outsideChunk.map((item) => ({ file: item.file, title: item.title })),
  });
  const text = [
    "The model's answer for this head is recorded below, so that re-running the review finishes it without asking the model again.",
    writeMarker(REVIEW_RECORD_MARKER_KIND, { ...unsealed, seal: sealOf(key, unsealed) }),
  ].join('\n\n');
  return text.length <= TEXT_LIMIT ? text : undefined;
}

function sameSeal(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Pure: the record in a check run's output text when it is bound to `binding` and its seal holds; else why not. */
export function verifyRecord(
  key: Buffer,
  text: string | null | undefined,
  binding: RecordBinding,
  schema: ModelPassRequest['schema'],
): { pass: ModelPassResult; costUsd: number } | { refused: string } {
  const record = readMarker(REVIEW_RECORD_MARKER_KIND, text);
  if (!record) return { refused: 'no record' };
  if (record.reviewer !== binding.reviewer) return { refused: `recorded by ${record.reviewer}` };
  if (record.head !== binding.headSha) return { refused: `recorded for head ${record.head.slice(0, 7)}` };
  if (record.settings !== binding.settingsKey) return { refused: 'recorded with other settings' };
  if (record.prompt !== binding.prompt) return { refused: 'recorded for another prompt' };
  const { v: _v, seal, ...sealed } = record;
  if (!sameSeal(sealOf(key, sealed), seal)) return { refused: 'its seal does not match' };
  const reply = schema.safeParse({ findings: record.findings });
  if (!reply.success) return { refused: "its findings do not match the reviewer's schema" };
  return {
    pass: { findings: reply.data.findings.map((finding) => ({ ...finding, origin: 'model' as const })), outsideChunk: record.outside, calls: record.calls },
    costUsd: record.costUsd,
  };
}

/**
 * The newest valid record for `binding` on the head's check runs named `checkName`, read in one request. Only
 * check runs of the bot's own app count: anyone with `checks: write` in another app can write any text.
 */
export async function readRecordedPass(
  gh: GitHub,
  repo: RepoRef,
  input: { checkName: string; bot: BotIdentity; key: Buffer; binding: RecordBinding; schema: ModelPassRequest['schema']; log: (message: string) => void },
): Promise<RecordedPass | undefined> {
  const { data } = await gh.rest.checks.listForRef({
    owner: repo.owner,
    repo: repo.repo,
    ref: input.binding.headSha,
    check_name: input.checkName,
    filter: 'all',
    per_page: 100,
  });
  const app = botAppSlug(input.bot.login);
  const newestFirst = [...data.check_runs].sort((a, b) => b.id - a.id);
  for (const run of newestFirst) {
    if (!run.output.text || run.head_sha !== input.binding.headSha) continue;
    if (run.app?.slug !== app) {
      input.log(`Ignored a record on check run ${run.id}: it was written by app ${run.app?.slug ?? 'unknown'}, not ${app}.`);
      continue;
    }
    const verified = verifyRecord(input.key, run.output.text, input.binding, input.schema);
    if ('refused' in verified) {
      if (verified.refused !== 'no record') input.log(`Ignored the record on check run ${run.id}: ${verified.refused}.`);
      continue;
    }
    return { ...verified, checkRunId: run.id, text: run.output.text };
  }
  return undefined;
}

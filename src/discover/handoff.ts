/**
 * The analysis a read-only job hands to the job that files: the analysts' reports (candidates and summary notes)
 * and the cursor they started from, as one JSON file whose SHA-256 the analysing step reports. The filing job
 * trusts the file only when its bytes have exactly that digest and it fits the schema: it never runs the
 * repository's code, and what it files passes the same outbound gate as everything else.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../core/errors.js';
import { SEVERITIES } from '../core/labels.js';
import type { DiscoverCursor } from './analyst-context.js';
import { ANALYSTS, type AnalystReport } from './candidate.js';
import { sha256 } from '../core/digest.js';

const candidateSchema = z.object({
  analyst: z.enum([...ANALYSTS, 'janitor']),
  fingerprint: z.string().regex(/^[0-9a-f]{8,64}$/),
  title: z.string().min(1).max(300),
  severity: z.enum(SEVERITIES),
  category: z.string().min(1).max(100),
  value: z.number().finite(),
  body: z.string().max(60_000),
  file: z.string().max(500).optional(),
  runIds: z.array(z.number().int().positive()).max(10_000).optional(),
});

const reportSchema = z.object({
  analyst: z.enum(ANALYSTS),
  candidates: z.array(candidateSchema).max(1000),
  notes: z.array(z.string().max(2000)).max(200),
  status: z.enum(['complete', 'incomplete']),
  requests: z.number().int().nonnegative(),
  mined: z
    .object({
      runIds: z.array(z.number().int().positive()).max(100_000),
      interrupted: z.boolean(),
      sentryCursor: z
        .string()
        .regex(/^[\w.-]+:\d+:[01]$/)
        .nullable()
        .optional(),
    })
    .optional(),
});

const handoffSchema = z.object({
  version: z.literal(1),
  resume: z.object({
    logMinerAfter: z.number().int().positive().optional(),
    sentryCursor: z
      .string()
      .regex(/^[\w.-]+:\d+:[01]$/)
      .optional(),
  }),
  reports: z.array(reportSchema).max(ANALYSTS.length),
});

export interface Handoff {
  resume: DiscoverCursor;
  reports: AnalystReport[];
}

export function digestOf(bytes: Buffer | string): string {
  return sha256(bytes);
}

/** Writes the analysis and returns the digest of the bytes written. */
export function writeHandoff(path: string, handoff: Handoff): string {
  const text = `${JSON.stringify({ version: 1, resume: handoff.resume, reports: handoff.reports }, null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return digestOf(text);
}

/** The analysis at `path`, when its bytes have the digest the analysing step reported and it fits the schema. */
export function readHandoff(path: string, expectedDigest: string | undefined): Handoff {
  if (!expectedDigest || !/^[0-9a-f]{64}$/.test(expectedDigest))
    throw new ConfigurationError("input 'candidates-digest' is missing or not a SHA-256; expected the analysing step's candidates-digest output");
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigurationError(
      `the analysis ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); was the artifact downloaded?`,
    );
  }
  const actual = digestOf(bytes);
  if (actual !== expectedDigest)
    throw new ConfigurationError(
      `the analysis ${path} has digest ${actual.slice(0, 12)}…, not the ${expectedDigest.slice(0, 12)}… the analysing step reported; nothing was filed`,
    );
  let parsed: z.infer<typeof handoffSchema>;
  try {
    parsed = handoffSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    const detail = error instanceof z.ZodError ? (error.issues[0]?.path.join('.') ?? '') : 'not JSON';
    throw new ConfigurationError(`the analysis ${path} is not in the expected shape (${detail || 'invalid'}); nothing was filed`);
  }
  const reports: AnalystReport[] = parsed.reports.map((report) => ({
    analyst: report.analyst,
    candidates: report.candidates.map((candidate) => ({
      analyst: candidate.analyst,
      fingerprint: candidate.fingerprint,
      title: candidate.title,
      severity: candidate.severity,
      category: candidate.category,
      value: candidate.value,
      body: candidate.body,
      ...(candidate.file !== undefined ? { file: candidate.file } : {}),
      ...(candidate.runIds !== undefined ? { runIds: candidate.runIds } : {}),
    })),
    notes: report.notes,
    status: report.status,
    requests: report.requests,
    ...(report.mined
      ? {
          mined: {
            runIds: report.mined.runIds,
            interrupted: report.mined.interrupted,
            ...(report.mined.sentryCursor !== undefined ? { sentryCursor: report.mined.sentryCursor } : {}),
          },
        }
      : {}),
  }));
  const resume: DiscoverCursor = {
    ...(parsed.resume.logMinerAfter !== undefined ? { logMinerAfter: parsed.resume.logMinerAfter } : {}),
    ...(parsed.resume.sentryCursor !== undefined ? { sentryCursor: parsed.resume.sentryCursor } : {}),
  };
  return { resume, reports };
}

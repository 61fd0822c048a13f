import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { outbound } from './outbound-gate.js';

/**
 * The runner's step protocol: workflow commands on stdout (`::error::`), and the GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files. It is the small part of @actions/core the actions need; @actions/core itself
 * also loads an HTTP client for OIDC, which roughly doubled the time a step takes to start (see README,
 * "Dependencies"), and a bad input has to fail at once. Log lines and the job summary leave through the
 * outbound gate like every other write.
 */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
}

function command(name: string, message: string, properties: AnnotationProperties = {}): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(outbound.redact(String(value)))}`)
    .join(',');
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(outbound.redact(message))}${EOL}`);
}

export function info(message: string): void {
  process.stdout.write(`${outbound.redact(message)}${EOL}`);
}

export function warning(message: string, properties?: AnnotationProperties): void {
  command('warning', message, properties);
}

export function error(message: string, properties?: AnnotationProperties): void {
  command('error', message, properties);
}

/** Shown only when the run has debug logging on; each line is its own debug message. */
export function debug(message: string): void {
  for (const line of message.split(/\r?\n/)) command('debug', line);
}

export function notice(message: string, properties?: AnnotationProperties): void {
  command('notice', message, properties);
}

/** Marks the step failed: an error annotation and a non-zero exit code. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) {
    // Outside a runner (local runs) outputs are printed instead.
    info(`${name}=${value}`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  // The delimiter is random, so a value cannot end the block early and inject other outputs.
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  const text = outbound.markdown(markdown);
  if (file) appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
}

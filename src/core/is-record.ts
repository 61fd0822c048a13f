/** Narrowing for JSON that arrived from outside (a provider response, a tool call's arguments). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a record to read fields from, or undefined when it is not one (null, an array, a string…). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** Narrowing for JSON that arrived from outside (a provider response, a tool call's arguments). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Text into HTML: every character that could open markup or leave an attribute is an entity, so issue and PR
 * titles (written by anyone) show as the text they are. Links are only ever to the repository's own GitHub
 * pages; anything else is dropped.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => ENTITIES[ch] ?? ch);
}

/** The URL when it is an http(s) address on the repository's GitHub server, else null. */
export function safeLink(url: string | null | undefined, serverUrl: string): string | null {
  if (!url) return null;
  let parsed: URL;
  let server: URL;
  try {
    parsed = new URL(url);
    server = new URL(serverUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return parsed.origin === server.origin ? parsed.href : null;
}

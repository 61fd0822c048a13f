/**
 * File names in unified diffs: git's C quoting (`core.quotePath`), the `a/`/`b/` prefixes, `diff -u`
 * timestamps, and the two names of a `diff --git` line.
 */

/** The name on a `---`/`+++` line: null for /dev/null; without quotes, `a/`/`b/` prefix or `diff -u` timestamp. */
export function fileLineName(rest: string): string | null {
  const name = rest.startsWith('"') ? unquoteGitPath(quotedToken(rest)) : (rest.split('\t')[0] ?? '').trimEnd();
  if (name === '/dev/null') return null;
  return stripPrefix(name);
}

function stripPrefix(name: string): string {
  return name.startsWith('a/') || name.startsWith('b/') ? name.slice(2) : name;
}

/**
 * The two names on a `diff --git` line. Unquoted names may hold spaces, so `a/x y b/x y` is split where both
 * halves name the same file; git writes the line this way only when the names are equal or quoted (a rename
 * also has `rename from/to` lines, which win).
 */
export function gitHeaderNames(rest: string): { from: string; to: string } | undefined {
  if (rest.startsWith('"')) {
    const first = quotedToken(rest);
    const second = rest.slice(first.length).trimStart();
    return { from: stripPrefix(unquoteGitPath(first)), to: stripPrefix(unquoteGitPath(second.startsWith('"') ? quotedToken(second) : second)) };
  }
  const quotedSecond = rest.indexOf(' "');
  if (quotedSecond > 0 && rest.endsWith('"')) {
    return { from: stripPrefix(rest.slice(0, quotedSecond)), to: stripPrefix(unquoteGitPath(rest.slice(quotedSecond + 1))) };
  }
  const middle = (rest.length - 1) / 2;
  if (Number.isInteger(middle) && rest[middle] === ' ' && stripPrefix(rest.slice(0, middle)) === stripPrefix(rest.slice(middle + 1))) {
    const name = stripPrefix(rest.slice(0, middle));
    return { from: name, to: name };
  }
  const split = rest.lastIndexOf(' b/');
  return split < 0 ? undefined : { from: stripPrefix(rest.slice(0, split)), to: rest.slice(split + 3) };
}

/** The leading `"…"` of `text`, quotes included (to the end of the text when the closing quote is missing). */
function quotedToken(text: string): string {
  for (let index = 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return text.slice(0, index + 1);
  }
  return text;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * Undoes git's C quoting of a path (`core.quotePath`): `"sp\303\251cial \"name\""` → `spécial "name"`. Octal
 * escapes are the bytes of the UTF-8 name. A name without quotes is returned as it is.
 */
export function unquoteGitPath(name: string): string {
  if (!(name.length >= 2 && name.startsWith('"') && name.endsWith('"'))) return name;
  const bytes: number[] = [];
  const chars = Array.from(name.slice(1, -1));
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}$/.exec(chars.slice(index + 1, index + 4).join(''))?.[0];
    if (octal) {
      bytes.push(parseInt(octal, 8));
      index += 3;
      continue;
    }
    const next = chars[index + 1] ?? '';
    bytes.push(...(ESCAPES[next] !== undefined ? [ESCAPES[next]] : Buffer.from(next, 'utf8')));
    index += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

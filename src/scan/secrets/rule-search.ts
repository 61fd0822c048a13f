/**
 * Where each secret rule matches in a text (a file's added lines joined with newlines), found with little
 * regex work. Running every rule's pattern over every file costs about as much as the rest of the scan
 * together; most files contain none of the literals a provider token starts with, and where one occurs it is
 * on a handful of lines. So one combined search for all rules' anchors (a single alternation, one pass over
 * the text) says which lines each rule can match on, and the rule's pattern is tried on those lines only.
 *
 * The result is exactly what a rule's pattern run globally over the whole text gives (the `exec` loop, each
 * match starting where the previous ended), because every match of an anchored rule contains one of its
 * anchors on the line where the match starts (see `SecretRule.anchors`): a line without one cannot hold the
 * start of a match. On a candidate line the pattern is not cut out of the text: a sticky search tries each
 * position of that line against the whole text, so lookaheads, `\b` and a match that runs on past the line
 * end see what they would see in a global run. test/scan/secret-search.test.ts compares the two.
 *
 * Rules without anchors, and rules whose pattern ignores case (a case-sensitive literal cannot stand for
 * them), run globally over the whole text: their pattern starts with its keyword, so it is its own search.
 */
import type { SecretRule } from './rules.js';

/** For each rule of the list, in order, its matches in `text`: the sequence a global `exec` loop gives. */
export type RuleSearch = (text: string) => readonly (readonly RegExpExecArray[])[];

const NONE: readonly RegExpExecArray[] = [];

interface AnchoredPattern {
  /** Sticky: from `lastIndex`, skips what precedes the first position of this line where the pattern matches. */
  finder: RegExp;
  /** Sticky: the pattern itself, run at the position `finder` found. */
  pattern: RegExp;
}

interface SearchedRule {
  /** The pattern, global: run over the whole text when the rule has no usable anchors. */
  global: RegExp;
  anchored?: AnchoredPattern;
}

function withFlags(pattern: RegExp, flags: string): string {
  return [...new Set(pattern.flags.replace(/[gy]/g, '') + flags)].join('');
}

function searched(rule: SecretRule): SearchedRule {
  const global = new RegExp(rule.pattern.source, withFlags(rule.pattern, 'g'));
  if (rule.anchors.length === 0 || rule.pattern.flags.includes('i')) return { global };
  // `[^\n]*?` cannot pass the line's end, and the lookahead adds no capture group before the pattern's own.
  const finder = new RegExp(`[^\\n]*?(?=${rule.pattern.source})`, withFlags(rule.pattern, 'y'));
  return { global, anchored: { finder, pattern: new RegExp(rule.pattern.source, withFlags(rule.pattern, 'y')) } };
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * One alternation of `literals` as a trie (`gh(?:p_|o_)|…`), which the regex engine runs faster than the
 * flat list. Where one literal is a prefix of another, the longer is tried first, so a hit is the longest
 * literal occurring at its position and every shorter one occurring there is a prefix of it.
 */
function literalTrie(literals: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  let endsHere = false;
  for (const literal of literals) {
    if (literal === '') endsHere = true;
    else byFirst.set(literal.charAt(0), [...(byFirst.get(literal.charAt(0)) ?? []), literal.slice(1)]);
  }
  const branches = [...byFirst].map(([first, rests]) => {
    const rest = literalTrie(rests);
    return escapeLiteral(first) + (rest === '' ? '' : rests.length === 1 ? rest : `(?:${rest})`);
  });
  // The empty alternative last: longer continuations are tried before stopping here.
  return endsHere && branches.length > 0 ? `${branches.join('|')}|` : branches.join('|');
}

/** Every match of a global pattern, in order. */
function everyMatch(pattern: RegExp, text: string): readonly RegExpExecArray[] {
  let found: RegExpExecArray[] | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex++;
    (found ??= []).push(match);
  }
  return found ?? NONE;
}

/**
 * The matches of an anchored pattern, tried only on the lines that start at `lineStarts` (ascending): the
 * same sequence as `everyMatch`, since no match starts on any other line.
 */
function matchesOnLines({ finder, pattern }: AnchoredPattern, text: string, lineStarts: readonly number[]): readonly RegExpExecArray[] {
  let found: RegExpExecArray[] | undefined;
  // Where the global run would search next: a match starts here or later.
  let from = 0;
  for (const lineStart of lineStarts) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    for (let at = Math.max(from, lineStart); at <= lineEnd; at = from) {
      finder.lastIndex = at;
      const skipped = finder.exec(text);
      if (!skipped) break;
      pattern.lastIndex = at + skipped[0].length;
      const match = pattern.exec(text);
      // The finder's lookahead matched there, so the pattern does: the check only satisfies the type.
      if (!match) break;
      (found ??= []).push(match);
      from = match[0].length === 0 ? match.index + 1 : pattern.lastIndex;
    }
  }
  return found ?? NONE;
}

/** The search for `rules`: one pass for all anchors, then each anchored rule on its candidate lines only. */
export function prefilteredSearch(rules: readonly SecretRule[]): RuleSearch {
  const searchedRules = rules.map(searched);
  const anchors = [...new Set(rules.flatMap((rule, index) => (searchedRules[index]?.anchored ? rule.anchors : [])))];
  const prefilter = anchors.length > 0 ? new RegExp(literalTrie(anchors), 'g') : undefined;
  const rulesByAnchorText = new Map<string, number[]>();
  const rulesOf = (found: string): number[] => {
    let indices = rulesByAnchorText.get(found);
    if (!indices) {
      indices = rules.flatMap((rule, index) => (searchedRules[index]?.anchored && rule.anchors.some((anchor) => found.startsWith(anchor)) ? [index] : []));
      rulesByAnchorText.set(found, indices);
    }
    return indices;
  };

  return (text) => {
    // Per anchored rule, the start of each line where one of its anchors occurs, ascending.
    const candidateLines: (number[] | undefined)[] = [];
    if (prefilter) {
      prefilter.lastIndex = 0;
      for (let hit = prefilter.exec(text); hit !== null; hit = prefilter.exec(text)) {
        // On one position past the hit's start, so an anchor that starts inside this one is found too.
        prefilter.lastIndex = hit.index + 1;
        const lineStart = text.lastIndexOf('\n', hit.index - 1) + 1;
        for (const index of rulesOf(hit[0])) {
          const lines = (candidateLines[index] ??= []);
          if (lines[lines.length - 1] !== lineStart) lines.push(lineStart);
        }
      }
    }
    const matches: (readonly RegExpExecArray[])[] = new Array<readonly RegExpExecArray[]>(searchedRules.length);
    for (let index = 0; index < searchedRules.length; index++) {
      const rule = searchedRules[index];
      const lines = candidateLines[index];
      matches[index] = !rule ? NONE : !rule.anchored ? everyMatch(rule.global, text) : lines ? matchesOnLines(rule.anchored, text, lines) : NONE;
    }
    return matches;
  };
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatMarker, hasMarker, markerPrefix, parseMarker, stripMarkers } from '../../src/core/marker.js';

const schema = z.object({ attempts: z.number().int(), note: z.string().optional() });

describe('formatMarker', () => {
  it('writes an HTML comment with the kind and versioned JSON', () => {
    expect(formatMarker('implement', { attempts: 2 })).toBe('<!-- agentic-workflow:implement {"attempts":2,"v":1} -->');
  });

  it('always writes v: 1, even if the data tries to set another version', () => {
    expect(formatMarker('triage', { v: 7 })).toBe('<!-- agentic-workflow:triage {"v":1} -->');
  });

  it('escapes data so it cannot close the comment or inject markup', () => {
    const marker = formatMarker('cto-review', { attempts: 1, note: 'a --> b <script>&' });
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker).not.toMatch(/<script>/);
    expect(parseMarker('cto-review', `text\n${marker}\nmore`, schema)).toEqual({ attempts: 1, note: 'a --> b <script>&' });
  });

  it('refuses kinds that would change the marker text', () => {
    expect(() => formatMarker('Bad Kind', {})).toThrow(/invalid marker kind/);
    expect(() => markerPrefix('x -->')).toThrow();
  });
});

describe('parseMarker', () => {
  const body = `## Review\n\nAll good.\n\n${formatMarker('implement', { attempts: 3, note: 'ok' })}`;

  it('round-trips the data without the version field', () => {
    expect(parseMarker('implement', body, schema)).toEqual({ attempts: 3, note: 'ok' });
  });

  it('ignores markers of other kinds', () => {
    expect(parseMarker('ciso-review', body, schema)).toBeNull();
    expect(hasMarker('implement', body)).toBe(true);
    expect(hasMarker('ciso-review', body)).toBe(false);
    expect(hasMarker('implement', null)).toBe(false);
  });

  it('returns null, never throws, for bodies a human broke', () => {
    const broken = [
      '<!-- agentic-workflow:implement {"attempts":3,"v":1 -->',
      '<!-- agentic-workflow:implement {"attempts":3,"v":1}',
      '<!-- agentic-workflow:implement not json -->',
      '<!-- agentic-workflow:implement [1,2] -->',
      '<!-- agentic-workflow:implement null -->',
      '<!-- agentic-workflow:implement {"attempts":"three","v":1} -->',
      '<!-- agentic-workflow:implement {"attempts":3} -->',
      '<!-- agentic-workflow:implement {"attempts":3,"v":2} -->',
      '',
    ];
    for (const text of broken) expect(parseMarker('implement', text, schema), text).toBeNull();
    expect(parseMarker('implement', undefined, schema)).toBeNull();
    expect(parseMarker('implement', null, schema)).toBeNull();
  });

  it('skips a broken marker and reads a valid one after it', () => {
    const text = `<!-- agentic-workflow:implement {oops} -->\n${formatMarker('implement', { attempts: 1 })}`;
    expect(parseMarker('implement', text, schema)).toEqual({ attempts: 1 });
  });

  it('hands the data to a strict schema without the version', () => {
    const strict = z.strictObject({ attempts: z.number() });
    expect(parseMarker('implement', formatMarker('implement', { attempts: 1 }), strict)).toEqual({ attempts: 1 });
  });
});

describe('stripMarkers', () => {
  it('removes markers of the kind, including an unterminated one', () => {
    const text = `a ${formatMarker('triage', { x: 1 })} b ${formatMarker('implement', { attempts: 1 })} c`;
    expect(stripMarkers('triage', text)).toBe(`a  b ${formatMarker('implement', { attempts: 1 })} c`);
    expect(stripMarkers('triage', 'keep <!-- agentic-workflow:triage {"x":')).toBe('keep ');
  });
});

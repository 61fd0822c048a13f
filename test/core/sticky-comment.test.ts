import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatMarker, parseMarker } from '../../src/core/marker.js';
import { isStickyComment, renderStickyBody, stickyBodyChanged } from '../../src/core/sticky-comment.js';

const BOT_ID = 41898282;

describe('sticky comment (pure)', () => {
  const marked = `## CTO review\n\n${formatMarker('cto-review', { head: 'abc' })}`;

  it('recognises the bot comment by marker and user id', () => {
    expect(isStickyComment({ body: marked, user: { id: BOT_ID } }, 'cto-review', BOT_ID)).toBe(true);
  });

  it('ignores a human who pastes the marker, and bot comments of another kind or with only the heading', () => {
    expect(isStickyComment({ body: marked, user: { id: 7 } }, 'cto-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: marked, user: null }, 'cto-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: marked, user: { id: BOT_ID } }, 'ciso-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: '## CTO review', user: { id: BOT_ID } }, 'cto-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: null, user: { id: BOT_ID } }, 'cto-review', BOT_ID)).toBe(false);
  });

  it('renders the visible text followed by the marker, readable back', () => {
    const rendered = renderStickyBody('implement', 'Working on it.\n\n', { attempts: 1 });
    expect(rendered).toBe(`Working on it.\n\n${formatMarker('implement', { attempts: 1 })}`);
    expect(parseMarker('implement', rendered, z.object({ attempts: z.number() }))).toEqual({ attempts: 1 });
  });

  it('sees no change when GitHub only normalised line endings or trailing space', () => {
    const rendered = renderStickyBody('implement', 'a\nb', { attempts: 1 });
    expect(stickyBodyChanged(rendered.replace(/\n/g, '\r\n'), rendered)).toBe(false);
    expect(stickyBodyChanged(`${rendered}\n  `, rendered)).toBe(false);
    expect(stickyBodyChanged(rendered, renderStickyBody('implement', 'a\nb', { attempts: 2 }))).toBe(true);
    expect(stickyBodyChanged(rendered, renderStickyBody('implement', 'a\nc', { attempts: 1 }))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCobertura, parseGoProfile, parseLcov, uncoveredRanges, type ParsedReport } from '../../src/discover/coverage/reports.js';

// Real reports: c8 over node --test, coverage.py's `coverage xml`, `go test -coverprofile`, each on the small
// cart module next to it in the fixtures folder.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'discover', 'coverage', name), 'utf8');

function files(report: ParsedReport) {
  if (!report.ok) throw new Error(report.error);
  return report.files;
}

describe('coverage reports', () => {
  it('reads c8 lcov: lines, uncovered ranges and the functions never called', () => {
    const [cart] = files(parseLcov(fixture('c8-lcov.info')));
    expect(cart?.path).toBe('src/cart.js');
    expect(uncoveredRanges(cart?.lines ?? new Map())).toEqual([
      [3, 4],
      [10, 13],
      [17, 18],
    ]);
    expect(cart?.functions).toEqual([
      { name: 'lineTotal', line: 1, hits: 1 },
      { name: 'applyDiscount', line: 8, hits: 1 },
      { name: 'formatTotal', line: 16, hits: 0 },
    ]);
  });

  it("reads coverage.py's Cobertura XML with its source root", () => {
    const report = parseCobertura(fixture('coverage-py.xml'));
    const [cart] = files(report);
    expect(report.ok && report.roots).toEqual(['/tmp/covfix/py']);
    expect(cart?.path).toBe('cart.py');
    expect(uncoveredRanges(cart?.lines ?? new Map())).toEqual([
      [3, 3],
      [10, 12],
      [16, 16],
    ]);
  });

  it("reads Go's cover profile: a line any block ran is covered", () => {
    const [cart] = files(parseGoProfile(fixture('go-cover.out')));
    expect(cart?.path).toBe('example.com/shop/cart/cart.go');
    expect(cart?.lines.get(7)).toBe(1);
    expect(uncoveredRanges(cart?.lines ?? new Map())).toEqual([
      [8, 9],
      [18, 24],
    ]);
  });

  it('refuses a malformed lcov file with where and why, and returns no partial result', () => {
    const lcov = fixture('c8-lcov.info');
    expect(parseLcov(lcov.replace('end_of_record', ''))).toEqual({
      ok: false,
      error: 'the record of src/cart.js has no end_of_record (the file is cut short)',
    });
    expect(parseLcov(lcov.replace('DA:3,0', 'DA:three,0'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line \d+: DA needs a line number and a hit count/),
    });
    expect(parseLcov('DA:1,1\nend_of_record\n')).toMatchObject({ ok: false, error: expect.stringMatching(/^line 1: .* outside a file record/) });
    expect(parseLcov('<html>not a report</html>')).toMatchObject({ ok: false });
    expect(parseLcov('')).toEqual({ ok: false, error: 'no file records (SF:) in the report' });
  });

  it('refuses a Cobertura report that is cut short, and a Go profile without its mode line', () => {
    const xml = fixture('coverage-py.xml');
    expect(parseCobertura(xml.slice(0, xml.length / 2))).toMatchObject({ ok: false, error: expect.stringContaining('cut short') });
    expect(parseGoProfile(fixture('go-cover.out').split('\n').slice(1).join('\n'))).toMatchObject({ ok: false, error: expect.stringContaining('mode: set') });
  });
});

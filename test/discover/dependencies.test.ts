import { describe, expect, it } from 'vitest';
import { dependencyCandidates } from '../../src/discover/dependencies/findings.js';
import { parseNpmAudit } from '../../src/discover/dependencies/npm-audit.js';
import { npmPackageFacts, repositoryWebUrl } from '../../src/discover/dependencies/npm-package.js';
import { osvAdvisory } from '../../src/discover/dependencies/osv.js';

describe('npm audit report', () => {
  it("reads npm's error report as an error with its code, and output that is not a report as one too", () => {
    const noLock = JSON.stringify({
      error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.\nTry creating one first with: npm i --package-lock-only', detail: '' },
    });
    expect(parseNpmAudit(noLock)).toEqual({ status: 'error', code: 'ENOLOCK', message: 'This command requires an existing lockfile.' });
    expect(parseNpmAudit('npm ERR! something')).toMatchObject({ status: 'error', code: 'EJSONPARSE' });
    expect(parseNpmAudit(JSON.stringify({ auditReportVersion: 1, advisories: {} }))).toMatchObject({ status: 'error', code: 'EFORMAT' });
  });

  it('takes the fix only when it is for the vulnerable package itself', () => {
    const report = parseNpmAudit(
      JSON.stringify({
        auditReportVersion: 2,
        vulnerabilities: {
          qs: {
            name: 'qs',
            severity: 'high',
            isDirect: false,
            via: [
              {
                source: 1,
                name: 'qs',
                title: 'Prototype Pollution',
                url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp',
                severity: 'high',
                range: '>=6.5.0 <6.5.3',
              },
            ],
            effects: ['express'],
            range: '>=6.5.0 <6.5.3',
            nodes: ['node_modules/qs'],
            fixAvailable: { name: 'express', version: '4.21.2', isSemVerMajor: true },
          },
          express: {
            name: 'express',
            severity: 'high',
            isDirect: true,
            via: ['qs'],
            effects: [],
            range: '3.x',
            nodes: ['node_modules/express'],
            fixAvailable: { name: 'express', version: '4.21.2', isSemVerMajor: true },
          },
        },
      }),
    );
    expect(report.status).toBe('ok');
    if (report.status !== 'ok') return;
    expect(report.packages[0]?.advisories[0]).toEqual({
      id: 'GHSA-hrpp-h998-j3pp',
      title: 'Prototype Pollution',
      severity: 'high',
      url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp',
      range: '>=6.5.0 <6.5.3',
      fixIsMajor: true,
    });
    expect(report.packages[1]?.advisories).toEqual([]);
  });
});

describe('npm package document', () => {
  const doc = {
    'dist-tags': { latest: '3.0.0' },
    repository: { type: 'git', url: 'git+https://github.com/acme/thing.git' },
    versions: {
      '1.0.0': { maintainers: [{ name: 'alice' }], _npmUser: { name: 'alice' } },
      '3.0.0': { maintainers: [{ name: 'alice' }, { name: 'bob' }], _npmUser: { name: 'alice' } },
    },
  };

  it('counts majors behind and links the release notes; the same publisher is no change of hands', () => {
    expect(npmPackageFacts('thing', doc, '1.0.0')).toEqual({ latest: '3.0.0', majorsBehind: 2, changesUrl: 'https://github.com/acme/thing/releases' });
  });

  it('an installed version that is the latest is behind nothing', () => {
    expect(npmPackageFacts('thing', doc, '3.0.0')).toEqual({ latest: '3.0.0' });
  });

  it('understands the spellings of a repository', () => {
    expect(repositoryWebUrl('github:acme/thing')).toBe('https://github.com/acme/thing');
    expect(repositoryWebUrl({ url: 'git@github.com:acme/thing.git' })).toBe('https://github.com/acme/thing');
    expect(repositoryWebUrl({ url: 'git://gitlab.com/acme/thing.git' })).toBe('https://gitlab.com/acme/thing');
    expect(repositoryWebUrl(42)).toBeUndefined();
  });
});

describe('OSV record', () => {
  it('takes the fix of the queried package, not of another one in the same record', () => {
    const record = {
      id: 'GHSA-aaaa-bbbb-cccc',
      summary: 'Two packages',
      affected: [
        { package: { ecosystem: 'PyPI', name: 'other' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.9' }] }] },
        { package: { ecosystem: 'PyPI', name: 'mine' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.4.2' }] }] },
      ],
    };
    expect(osvAdvisory(record, { ecosystem: 'PyPI', name: 'mine', version: '1.2' })).toMatchObject({
      fixedIn: '1.4.2',
      range: '>=1.0, <1.4.2',
      severity: 'moderate',
      url: 'https://osv.dev/vulnerability/GHSA-aaaa-bbbb-cccc',
    });
  });
});

describe('dependency candidates', () => {
  it('shows an advisory address that is not https as code, never as a link', () => {
    const [candidate] = dependencyCandidates(
      {
        ecosystem: 'npm',
        name: 'x',
        manifest: 'package.json',
        direct: true,
        version: '1.0.0',
        advisories: [{ id: 'GHSA-1', title: 'bad', severity: 'critical', url: 'javascript:alert(1)', range: '<2' }],
      },
      { majorsBehind: 2 },
    );
    expect(candidate?.severity).toBe('critical');
    expect(candidate?.body).toContain('`javascript:alert(1)`');
    expect(candidate?.body).not.toContain('](javascript:');
    expect(candidate?.body).toContain('No fixed version is published yet');
  });

  it('files a far-behind dependency only from the threshold on, with a fingerprint that stays the same for the same latest major', () => {
    const facts = {
      ecosystem: 'npm' as const,
      name: 'y',
      manifest: 'package.json',
      direct: true,
      version: '1.0.0',
      advisories: [],
      latest: '2.5.0',
      majorsBehind: 1,
    };
    expect(dependencyCandidates(facts, { majorsBehind: 2 })).toEqual([]);
    const [first] = dependencyCandidates(facts, { majorsBehind: 1 });
    const [again] = dependencyCandidates({ ...facts, latest: '2.6.0', version: '1.1.0' }, { majorsBehind: 1 });
    expect(again?.fingerprint).toBe(first?.fingerprint);
  });
});

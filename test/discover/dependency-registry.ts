/**
 * Registry data for the dependency watchdog's tests, modelled on real cases: lodash's command-injection
 * advisory, qs's prototype pollution deep in express, request's deprecation, event-stream 3.3.6 published by a
 * newcomer, express two majors behind, an unpublished package, requests' Proxy-Authorization leak (PyPI) and
 * an x/net advisory (Go).
 */
import type { RegistryPackage, NpmAdvisory } from '../../src/emulators/registry/index.js';
import type { OsvRecord } from '../../src/emulators/registry/ecosystems.js';

export const NPM_PACKAGES: RegistryPackage[] = [
  {
    name: 'lodash',
    maintainers: ['jdalton', 'mathias'],
    repository: 'https://github.com/lodash/lodash',
    versions: [
      { version: '4.17.20', publishedAt: '2020-08-13T16:53:54.152Z' },
      { version: '4.17.21', publishedAt: '2021-02-20T15:42:16.891Z' },
    ],
  },
  {
    name: 'qs',
    maintainers: ['ljharb'],
    repository: 'https://github.com/ljharb/qs',
    versions: [
      { version: '6.5.2', publishedAt: '2018-05-01T00:00:00.000Z' },
      { version: '6.5.3', publishedAt: '2022-12-06T00:00:00.000Z' },
      { version: '6.14.0', publishedAt: '2025-01-14T00:00:00.000Z' },
    ],
  },
  {
    name: 'express',
    maintainers: ['dougwilson', 'wesleytodd'],
    repository: 'https://github.com/expressjs/express',
    versions: [
      { version: '3.21.2', publishedAt: '2015-07-31T00:00:00.000Z', dependencies: { qs: '6.5.2' } },
      { version: '4.21.2', publishedAt: '2024-12-05T00:00:00.000Z', dependencies: { qs: '6.14.0' } },
      { version: '5.1.0', publishedAt: '2025-03-31T00:00:00.000Z', dependencies: { qs: '^6.14.0' } },
    ],
  },
  {
    name: 'request',
    maintainers: ['mikeal', 'simov'],
    repository: 'https://github.com/request/request',
    versions: [
      {
        version: '2.88.2',
        publishedAt: '2020-02-11T00:00:00.000Z',
        deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142',
      },
    ],
  },
  {
    name: 'event-stream',
    maintainers: ['dominictarr'],
    repository: 'https://github.com/dominictarr/event-stream',
    versions: [
      { version: '3.3.5', publishedAt: '2018-01-01T00:00:00.000Z' },
      { version: '3.3.6', publishedAt: '2018-09-09T00:00:00.000Z', publisher: 'right9ctrl', maintainers: ['dominictarr', 'right9ctrl'] },
    ],
  },
  { name: 'left-pad', maintainers: ['azer'], versions: [{ version: '1.3.0', publishedAt: '2018-04-09T00:00:00.000Z' }] },
  {
    name: 'chalk',
    maintainers: ['sindresorhus'],
    repository: 'https://github.com/chalk/chalk',
    versions: [
      { version: '5.3.0', publishedAt: '2023-06-29T00:00:00.000Z' },
      { version: '5.4.1', publishedAt: '2024-12-21T00:00:00.000Z' },
    ],
  },
];

export const NPM_ADVISORIES: NpmAdvisory[] = [
  {
    id: 1_106_913,
    package: 'lodash',
    title: 'Command Injection in lodash',
    severity: 'high',
    vulnerableVersions: '<4.17.21',
    url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
    cwe: ['CWE-77', 'CWE-94'],
    cvss: { score: 7.2, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
  },
  {
    id: 1_104_690,
    package: 'qs',
    title: 'qs vulnerable to Prototype Pollution',
    severity: 'high',
    vulnerableVersions: '>=6.5.0 <6.5.3',
    url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp',
    cwe: ['CWE-1321'],
    cvss: { score: 7.5, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
  },
];

export const OSV_RECORDS: OsvRecord[] = [
  {
    id: 'PYSEC-2023-74',
    summary: 'Unintended leak of Proxy-Authorization header in requests',
    modified: '2023-06-01T00:00:00Z',
    published: '2023-05-22T00:00:00Z',
    aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
    affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }] }],
    references: [{ type: 'ADVISORY', url: 'https://github.com/psf/requests/security/advisories/GHSA-j8r2-6x86-q33q' }],
    database_specific: { severity: 'MODERATE' },
  },
  {
    id: 'GO-2022-0969',
    summary: 'Denial of service in net/http and golang.org/x/net/http2',
    modified: '2023-06-12T00:00:00Z',
    published: '2022-09-12T00:00:00Z',
    aliases: ['CVE-2022-27664'],
    affected: [
      {
        package: { ecosystem: 'Go', name: 'golang.org/x/net' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.0-20220906165146-f3363e06e74c' }] }],
      },
    ],
    database_specific: { severity: 'HIGH' },
  },
];

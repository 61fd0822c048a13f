/**
 * Dependency facts become `[Dependency]` candidates: one per advisory, per unpublished package, per change of
 * hands, per deprecated version and per dependency far behind its latest major, each with what a person needs
 * to decide: the advisory, the version installed and the one that fixes it, where the breaking changes of the
 * upgrade are described. Pure.
 */
import type { Severity } from '../../core/labels.js';
import { escapedLine, inlineCode, oneLine } from '../../core/untrusted-markdown.js';
import type { Candidate } from '../candidate.js';
import { factTable } from '../log-miner/findings.js';
import type { Advisory, DependencyFacts } from './facts.js';
import { shortKey } from '../../core/digest.js';

export interface FindingOptions {
  /** Majors behind the latest from which an outdated dependency is filed. */
  majorsBehind: number;
}

type Kind = 'vulnerable' | 'unpublished' | 'maintainer-changed' | 'deprecated' | 'outdated';

const SEVERITY_VALUE: Readonly<Record<Severity, number>> = { critical: 40, high: 30, medium: 20, low: 10 };

export function advisorySeverity(word: string): Severity {
  const normal = word.toLowerCase();
  if (normal === 'critical') return 'critical';
  if (normal === 'high') return 'high';
  if (normal === 'low' || normal === 'info') return 'low';
  return 'medium';
}

/** Registry data is untrusted: an https address is shown as a link, anything else as code. */
function link(url: string | undefined, text?: string): string {
  if (!url) return 'none';
  if (/^https:\/\/[\w.-]+(?:\/[\w\-./?=&#%~+:@]*)?$/.test(url) && url.length <= 300) return text ? `[${escapedLine(text, 100)}](${url})` : url;
  return inlineCode(url, 200);
}

function fingerprint(facts: DependencyFacts, kind: Kind, detail: string): string {
  return shortKey('dependencies', facts.ecosystem, facts.name, kind, detail);
}

function packageRows(facts: DependencyFacts): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Package', `${inlineCode(facts.name, 120)} (${facts.ecosystem})`],
    ['Installed', facts.version ? inlineCode(facts.version, 60) : 'unknown'],
    [
      'Declared in',
      `${inlineCode(facts.manifest, 120)}${
        facts.direct
          ? ''
          : ` (indirect${
              facts.via && facts.via.length > 0
                ? `, through ${facts.via
                    .slice(0, 5)
                    .map((name) => inlineCode(name, 60))
                    .join(', ')}`
                : ''
            })`
      }`,
    ],
  ];
  if (facts.latest) rows.push(['Latest', inlineCode(facts.latest, 60)]);
  return rows;
}

function upgradeLine(facts: DependencyFacts, to: string | undefined, major: boolean): string {
  if (!to) return 'No fixed version is published yet: consider replacing the package or mitigating the advisory.';
  const notes = facts.changesUrl ? ` Breaking changes: ${link(facts.changesUrl, 'release notes')}.` : '';
  return `Upgrade ${inlineCode(facts.name, 120)} to ${inlineCode(to, 60)}${major ? ' (a new major: read the breaking changes first)' : ''}.${major ? notes : ''}`;
}

function candidate(facts: DependencyFacts, kind: Kind, detail: string, severity: Severity, title: string, body: string[]): Candidate {
  return {
    analyst: 'dependencies',
    fingerprint: fingerprint(facts, kind, detail),
    title: oneLine(`[Dependency] ${title}`, 200),
    severity,
    category: kind,
    value: SEVERITY_VALUE[severity] + (facts.direct ? 5 : 0),
    body: body.join('\n'),
    file: facts.manifest,
  };
}

function advisoryCandidate(facts: DependencyFacts, advisory: Advisory): Candidate {
  const severity = advisorySeverity(advisory.severity);
  const rows = packageRows(facts);
  rows.push(['Advisory', `${link(advisory.url, advisory.id)}: ${escapedLine(advisory.title, 200)}`], ['Severity', escapedLine(advisory.severity, 20)]);
  if (advisory.range) rows.push(['Vulnerable versions', inlineCode(advisory.range, 120)]);
  rows.push(['Fixed in', advisory.fixedIn ? inlineCode(advisory.fixedIn, 60) : 'no fixed version published']);
  if (advisory.aliases && advisory.aliases.length > 0)
    rows.push([
      'Also known as',
      advisory.aliases
        .slice(0, 5)
        .map((alias) => inlineCode(alias, 40))
        .join(', '),
    ]);
  return candidate(facts, 'vulnerable', advisory.id, severity, `${facts.name} ${facts.version ?? ''}: ${advisory.title} (${advisory.id})`, [
    `A known vulnerability in ${facts.direct ? 'a dependency' : 'an indirect dependency'} of this repository.`,
    '',
    factTable(rows),
    '',
    upgradeLine(facts, advisory.fixedIn, advisory.fixIsMajor === true),
    '',
    'To decide: `/approve` to have it upgraded (the tests must pass on the new version), `/reject <reason>` if the vulnerable code is not reachable here.',
  ]);
}

export function dependencyCandidates(facts: DependencyFacts, options: FindingOptions): Candidate[] {
  const found = facts.advisories.map((advisory) => advisoryCandidate(facts, advisory));
  const decide = 'To decide: `/approve` to have it replaced or upgraded, `/reject <reason>` to keep it as it is.';
  if (facts.unpublished) {
    const rows = packageRows(facts);
    rows.push([
      'Unpublished',
      `${facts.unpublished.at ? facts.unpublished.at.slice(0, 10) : 'date unknown'}${facts.unpublished.by ? ` by ${inlineCode(facts.unpublished.by, 60)}` : ''}`,
    ]);
    found.push(
      candidate(facts, 'unpublished', 'unpublished', 'high', `${facts.name} was unpublished from the registry`, [
        'The package is no longer on its registry: a fresh install fails, and anyone may now register the name and publish code under it.',
        '',
        factTable(rows),
        '',
        decide,
      ]),
    );
  }
  if (facts.newPublisher) {
    const rows = packageRows(facts);
    rows.push(
      ['Published by', `${inlineCode(facts.newPublisher.name, 60)} (version ${inlineCode(facts.newPublisher.version, 40)})`],
      [
        'Maintainers of the installed version',
        facts.newPublisher.previous
          .slice(0, 10)
          .map((name) => inlineCode(name, 60))
          .join(', '),
      ],
    );
    found.push(
      candidate(
        facts,
        'maintainer-changed',
        `${facts.newPublisher.name}@${facts.newPublisher.version}`,
        'high',
        `${facts.name} changed hands: ${facts.newPublisher.version} was published by ${facts.newPublisher.name}`,
        [
          'The latest version was published by someone who was not a maintainer of the version installed here. A package that changed hands is how several supply-chain attacks began: review the new versions before upgrading to them.',
          '',
          factTable(rows),
          '',
          'To decide: `/approve` to have it pinned and reviewed (or replaced), `/reject <reason>` if the new maintainer is known and trusted.',
        ],
      ),
    );
  }
  if (facts.deprecated) {
    const rows = packageRows(facts);
    rows.push(['Deprecation', escapedLine(facts.deprecated, 300)]);
    found.push(
      candidate(facts, 'deprecated', `${facts.version ?? ''}`, 'medium', `${facts.name} ${facts.version ?? ''} is deprecated`, [
        'The version installed here is deprecated by its maintainers: it gets no fixes.',
        '',
        factTable(rows),
        '',
        facts.latest && facts.latest !== facts.version
          ? upgradeLine(facts, facts.latest, (facts.majorsBehind ?? 0) > 0)
          : 'No newer version replaces it: the deprecation message names what to use instead.',
        '',
        decide,
      ]),
    );
  }
  if (facts.majorsBehind !== undefined && facts.majorsBehind >= options.majorsBehind && facts.latest) {
    const rows = packageRows(facts);
    rows.push(['Majors behind', String(facts.majorsBehind)], ['Breaking changes', link(facts.changesUrl, 'release notes')]);
    found.push(
      candidate(
        facts,
        'outdated',
        facts.latest.split('.')[0] ?? facts.latest,
        facts.majorsBehind >= options.majorsBehind + 2 ? 'medium' : 'low',
        `${facts.name} is ${facts.majorsBehind} major versions behind (${facts.version ?? '?'} → ${facts.latest})`,
        [
          `The installed version is ${facts.majorsBehind} major versions behind the latest: the longer an upgrade waits, the larger it gets, and old majors stop getting security fixes.`,
          '',
          factTable(rows),
          '',
          upgradeLine(facts, facts.latest, true),
          '',
          decide,
        ],
      ),
    );
  }
  return found;
}

/**
 * What an npm package document says about the installed version: deprecated, how many majors behind the
 * latest, whether the latest was published by someone who was not a maintainer of the installed version (a
 * changed hand, as with event-stream 3.3.6), whether the package was unpublished. Pure.
 */
import semver from 'semver';
import { isRecord } from '../../core/is-record.js';
import type { DependencyFacts } from './facts.js';

type RegistryFacts = Pick<DependencyFacts, 'deprecated' | 'latest' | 'majorsBehind' | 'newPublisher' | 'unpublished' | 'changesUrl'>;

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap((person) => (isRecord(person) && typeof person.name === 'string' ? [person.name] : [])) : [];

/** A repository URL in any of npm's spellings → its web address (`git+https://github.com/a/b.git` → `https://github.com/a/b`). */
export function repositoryWebUrl(repository: unknown): string | undefined {
  const raw = typeof repository === 'string' ? repository : isRecord(repository) && typeof repository.url === 'string' ? repository.url : undefined;
  if (!raw) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2]}`;
  const match = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:git@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(raw) ?? /^git@([^:]+):(.+?)(?:\.git)?$/.exec(raw);
  return match ? `https://${match[1]}/${match[2]}` : undefined;
}

export function changesUrlFor(name: string, repository: unknown): string {
  const web = repositoryWebUrl(repository);
  if (web && /^https:\/\/(github\.com|gitlab\.com)\//.test(web)) return `${web}/releases`;
  return web ?? `https://www.npmjs.com/package/${name}?activeTab=versions`;
}

export function npmPackageFacts(name: string, document: unknown, installed: string | undefined): RegistryFacts {
  if (!isRecord(document)) return {};
  const time = isRecord(document.time) ? document.time : {};
  if (isRecord(time.unpublished)) {
    return {
      unpublished: {
        ...(typeof time.unpublished.time === 'string' ? { at: time.unpublished.time } : {}),
        ...(typeof time.unpublished.name === 'string' ? { by: time.unpublished.name } : {}),
      },
    };
  }
  const versions = isRecord(document.versions) ? document.versions : {};
  const tags = isRecord(document['dist-tags']) ? document['dist-tags'] : {};
  const latest = typeof tags.latest === 'string' ? tags.latest : undefined;
  const facts: RegistryFacts = { ...(latest ? { latest } : {}) };
  const current = installed && isRecord(versions[installed]) ? versions[installed] : undefined;
  const newest = latest && isRecord(versions[latest]) ? versions[latest] : undefined;
  if (current && typeof current.deprecated === 'string' && current.deprecated.trim() !== '') facts.deprecated = current.deprecated.trim();
  if (installed && latest && semver.valid(installed) && semver.valid(latest) && semver.gt(latest, installed)) {
    facts.majorsBehind = semver.major(latest) - semver.major(installed);
    facts.changesUrl = changesUrlFor(name, newest?.repository ?? document.repository);
    const publisher = isRecord(newest?._npmUser) && typeof newest._npmUser.name === 'string' ? newest._npmUser.name : undefined;
    const before = names(current?.maintainers);
    if (publisher && before.length > 0 && !before.includes(publisher)) facts.newPublisher = { name: publisher, version: latest, previous: before };
  }
  return facts;
}

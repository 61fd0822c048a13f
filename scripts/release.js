#!/usr/bin/env node
// npm run release -- <version> [--dry-run] [--push <remote>] [--skip-verify] [--build-command <cmd>] [--test-command <cmd>]
// npm run release -- pin
//
// A release, from a clean checkout:
//   1. verify: the build rebuilds dist/ from the sources and nothing changes (dist/ matches), and the tests pass;
//   2. release notes from the commits since the previous tag, in conventional sections, prepended to CHANGELOG.md;
//   3. package.json (and package-lock.json) take the new version: commit "Release vX.Y.Z";
//   4. the reusable workflows pin the actions at that commit (commit), then the reusable workflows they call at
//      the new commit (commit), and the templates pin the reusable workflows at the last one (commit);
//   5. the tag vX.Y.Z on the last commit (its message is the notes), and the major tag vX moved there;
//   6. with --push, the branch, the new tag and the moved major tag are pushed.
// The pin commits exist because a commit cannot name its own SHA: each pin names the commit before it, whose files
// are the release's byte for byte. `pin` writes only step 4, labelled with the version package.json names, for a
// checkout that has no release yet.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { writePins } from './pins.js';
import { readRepositorySlug } from './published-name.js';

export class ReleaseError extends Error {}

/** Conventional-commit types and the section each goes to, in the order the notes list them. */
const SECTIONS = [
  ['feat', 'Features'],
  ['fix', 'Bug fixes'],
  ['perf', 'Performance'],
  ['refactor', 'Refactoring'],
  ['docs', 'Documentation'],
  ['test', 'Tests'],
  ['build', 'Build and CI'],
  ['ci', 'Build and CI'],
  ['chore', 'Chores'],
  ['revert', 'Reverts'],
];
const OTHER = 'Other changes';
const BREAKING = 'Breaking changes';

export function parseArguments(argv) {
  const options = {
    dryRun: false,
    skipVerify: false,
    push: undefined,
    buildCommand: 'npm run build',
    testCommand: 'npx vitest run',
    version: undefined,
    pinOnly: false,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new ReleaseError(`${argument} needs a value`);
      return next;
    };
    if (argument === '--dry-run') options.dryRun = true;
    else if (argument === '--skip-verify') options.skipVerify = true;
    else if (argument === '--push') options.push = value();
    else if (argument === '--build-command') options.buildCommand = value();
    else if (argument === '--test-command') options.testCommand = value();
    else if (argument.startsWith('--')) throw new ReleaseError(`unknown option ${argument}`);
    else if (argument === 'pin' && options.version === undefined) options.pinOnly = true;
    else if (options.version === undefined) options.version = argument;
    else throw new ReleaseError(`unexpected argument ${argument}`);
  }
  if (!options.pinOnly && options.version === undefined)
    throw new ReleaseError('usage: npm run release -- <version> [--dry-run] [--push <remote>]  (or: npm run release -- pin)');
  return options;
}

function git(root, args, input) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

function shell(root, command, log) {
  log(`$ ${command}`);
  try {
    execFileSync(command, { cwd: root, shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    throw new ReleaseError(`\`${command}\` failed: the release stops before changing anything`);
  }
}

/** The greatest vX.Y.Z tag, or undefined before the first release. */
export function previousTag(root) {
  const tags = git(root, ['tag', '--list', 'v*'])
    .split('\n')
    .filter((tag) => semver.valid(tag.slice(1)) && tag === `v${semver.valid(tag.slice(1))}`);
  return tags.sort((a, b) => semver.rcompare(a.slice(1), b.slice(1)))[0];
}

/** The version to release, checked: semver, and greater than the previous tag (or, before any tag, not below package.json's). */
export function checkVersion(requested, current, previous) {
  const version = semver.valid(semver.clean(requested ?? '') ?? '');
  if (!version || requested.replace(/^v/, '') !== version) throw new ReleaseError(`"${requested}" is not a semantic version (X.Y.Z, for example 1.4.0)`);
  if (previous && !semver.gt(version, previous.slice(1))) throw new ReleaseError(`version ${version} is not greater than the previous release ${previous}`);
  if (!previous && semver.lt(version, current)) throw new ReleaseError(`version ${version} is below package.json's ${current}`);
  return version;
}

/** The commits since `from` (all of them when undefined), oldest first: subject and body. */
export function commitsSince(root, from) {
  const range = from ? [`${from}..HEAD`] : ['HEAD'];
  const log = git(root, ['log', '--reverse', '--format=%H%x1f%s%x1f%b%x1e', ...range]);
  return log
    .split('\x1e')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [sha, subject, body] = entry.split('\x1f');
      return { sha, subject: subject ?? '', body: body ?? '' };
    });
}

/** Release notes in conventional sections; commits without a conventional type go under "Other changes". */
export function releaseNotes(version, previous, commits, date) {
  const groups = new Map();
  const add = (section, line) => groups.set(section, [...(groups.get(section) ?? []), line]);
  for (const commit of commits) {
    const match = /^(\w+)(?:\(([^)]+)\))?(!)?:\s*(.+)$/.exec(commit.subject);
    const type = match?.[1]?.toLowerCase();
    const section = SECTIONS.find(([name]) => name === type)?.[1];
    const text = section ? `${match[2] ? `**${match[2]}:** ` : ''}${match[4]}` : commit.subject;
    const line = `- ${text} (${commit.sha.slice(0, 7)})`;
    if ((match && match[3]) || /^BREAKING[ -]CHANGE:/m.test(commit.body)) add(BREAKING, line);
    add(section ?? OTHER, line);
  }
  const order = [BREAKING, ...new Set(SECTIONS.map(([, name]) => name)), OTHER];
  const lines = [`## v${version} (${date})`, ''];
  lines.push(previous ? `${commits.length} commits since ${previous}.` : `${commits.length} commits: the first release.`, '');
  for (const section of order.filter((name) => groups.has(name))) lines.push(`### ${section}`, '', ...groups.get(section), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function setVersion(root, version) {
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.version = version;
    if (file === 'package-lock.json' && json.packages?.['']) json.packages[''].version = version;
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  }
}

function commitAll(root, message) {
  git(root, ['add', '-A']);
  git(root, ['commit', '--quiet', '--no-verify', '-m', message]);
  return git(root, ['rev-parse', 'HEAD']);
}

/**
 * Steps 4 and 5: the reusable workflows pin the actions at HEAD, then the reusable workflows they call at that
 * commit, then the templates pin the reusable workflows at the last one; one commit each (none when nothing
 * changes). Returns the three commits named.
 */
function pinCommits(root, slug, tag, prefix, log) {
  const named = {};
  for (const [kind, what] of [
    ['actions', 'the reusable workflows call the actions'],
    ['workflows', 'the reusable workflows call each other'],
    ['templates', 'the templates call the reusable workflows'],
  ]) {
    const sha = git(root, ['rev-parse', 'HEAD']);
    const changed = writePins(root, kind, slug, sha, tag);
    if (changed.length) commitAll(root, `${prefix}: ${what} at ${sha}`);
    log(`${what} at ${sha} (${changed.length} files)`);
    named[kind] = sha;
  }
  return named;
}

export function release(root, options, log = console.log) {
  if (git(root, ['status', '--porcelain'])) throw new ReleaseError('the working tree has uncommitted changes: commit or stash them first');
  const slug = readRepositorySlug(root);
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  if (options.pinOnly) {
    const tag = `v${packageJson.version}`;
    if (options.dryRun) {
      log(`would pin the reusable workflows' and the templates' references to ${slug} at the current commit, labelled ${tag}`);
      return { dryRun: true };
    }
    return pinCommits(root, slug, tag, `Pin this repository's workflows and actions for ${tag} (in preparation)`, log);
  }

  let branch;
  if (options.push) {
    try {
      branch = git(root, ['symbolic-ref', '--short', 'HEAD']);
    } catch {
      throw new ReleaseError('HEAD is detached: check out the branch to release before pushing (git checkout -B <branch>)');
    }
  }
  const previous = previousTag(root);
  const version = checkVersion(options.version, packageJson.version, previous);
  const tag = `v${version}`;
  const major = `v${semver.major(version)}`;
  const commits = commitsSince(root, previous);
  const notes = releaseNotes(version, previous, commits, new Date().toISOString().slice(0, 10));
  const plan = [
    `release ${tag} of ${slug} (previous: ${previous ?? 'none'}; ${commits.length} commits)`,
    options.skipVerify ? 'skip the verification (--skip-verify)' : `verify: ${options.buildCommand}, then dist/ must be unchanged; ${options.testCommand}`,
    `write the notes to CHANGELOG.md (and the tag's message); package.json version ${packageJson.version} -> ${version}; commit "Release ${tag}"`,
    `pin the reusable workflows' uses: of the actions to that commit, then their uses: of each other to the next, then the templates' uses: to the last (# ${tag}); a commit each`,
    `tag ${tag}; move ${major} to it`,
    options.push ? `push ${branch}, ${tag} and ${major} (forced) to ${options.push}` : 'push nothing (no --push)',
  ];
  if (options.dryRun) {
    log(`Dry run: nothing is changed. The plan:\n${plan.map((step, index) => `  ${index + 1}. ${step}`).join('\n')}\n\nRelease notes:\n\n${notes}`);
    return { dryRun: true, version, tag, major, notes, plan };
  }

  if (!options.skipVerify) {
    shell(root, options.buildCommand, log);
    const drift = git(root, ['status', '--porcelain']);
    if (drift) throw new ReleaseError(`dist/ does not match the sources: the build changed\n${drift}\nCommit a fresh build first.`);
    shell(root, options.testCommand, log);
  }

  const changelog = join(root, 'CHANGELOG.md');
  const earlier = existsSync(changelog) ? readFileSync(changelog, 'utf8').replace(/^# Changelog\n+/, '') : '';
  writeFileSync(changelog, `# Changelog\n\n${notes}${earlier ? `\n${earlier}` : ''}`);
  setVersion(root, version);
  commitAll(root, `Release ${tag}`);
  const pins = pinCommits(root, slug, tag, `Release ${tag}`, log);
  git(root, ['tag', '--annotate', '--cleanup=verbatim', tag, '--file', '-'], `${tag}\n\n${notes}`);
  git(root, ['tag', '--force', major, tag + '^{commit}']);
  const head = git(root, ['rev-parse', 'HEAD']);
  log(`tagged ${tag} and moved ${major} to ${head}`);
  if (options.push) {
    git(root, ['push', '--quiet', options.push, `HEAD:refs/heads/${branch}`, `refs/tags/${tag}`, `+refs/tags/${major}`]);
    log(`pushed HEAD, ${tag} and ${major} to ${options.push}`);
  }
  return { version, tag, major, notes, head, ...pins };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArguments(process.argv.slice(2));
    release(process.cwd(), options);
  } catch (error) {
    console.error(`release: ${error instanceof ReleaseError ? error.message : error?.stderr?.toString().trim() || error?.message || error}`);
    process.exit(1);
  }
}

import type { GitIdentity } from '../git/git-runner.js';
import type { UserRecord } from './records.js';
import type { RepositoryState } from './repository-state.js';

/** GitHub's private commit email, which is how it maps commit authors to accounts. */
export function noreplyEmail(user: Pick<UserRecord, 'id' | 'login'>): string {
  return `${user.id}+${user.login}@users.noreply.github.com`;
}

export function identityOf(user: UserRecord, date?: Date): GitIdentity {
  return { name: user.name ?? user.login, email: user.email ?? noreplyEmail(user), ...(date ? { date } : {}) };
}

/** The committer GitHub uses for merges made through the web or API. */
export function webCommitter(date: Date): GitIdentity {
  return { name: 'GitHub', email: 'noreply@github.com', date };
}

/** The account a commit email belongs to: a noreply address or a user's public email. */
export function userForEmail(state: RepositoryState, email: string): UserRecord | undefined {
  const match = /^(\d+)\+([^@]+)@users\.noreply\.github\.com$/i.exec(email);
  if (match) {
    const byLogin = state.user(match[2] ?? '');
    if (byLogin && byLogin.id === Number(match[1])) return byLogin;
    return state.userById(Number(match[1]));
  }
  const wanted = email.toLowerCase();
  for (const user of state.users.values()) if (user.email?.toLowerCase() === wanted) return user;
  return undefined;
}

/** Looks up, once per author, whether the people who commented may steer the bot (core/authority.ts decides). */
import { personAuthority } from '../core/authority.js';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import type { RepoRef } from '../core/repo.js';
import type { JudgedComment } from './decide.js';
import type { ThreadComment } from './issue-thread.js';

export async function judgeComments(gh: GitHub, repo: RepoRef, bot: BotIdentity, comments: readonly ThreadComment[]): Promise<JudgedComment[]> {
  const cache = new Map<string, boolean>();
  const judged: JudgedComment[] = [];
  for (const comment of comments) {
    const user = comment.user;
    // Bots never answer the loop, this one included: its own comments would otherwise answer itself.
    const authorIsBot = user === null || user.type === 'Bot';
    let authorCanWrite = false;
    if (user && !authorIsBot) {
      const key = user.login.toLowerCase();
      if (!cache.has(key)) cache.set(key, (await personAuthority(gh, repo, user, bot)).allowed);
      authorCanWrite = cache.get(key) ?? false;
    }
    judged.push({ ...comment, authorCanWrite, authorIsBot });
  }
  return judged;
}

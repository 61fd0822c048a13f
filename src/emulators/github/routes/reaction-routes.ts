import { z } from 'zod';
import { paginate } from '../http/pagination.js';
import { json, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { reaction } from '../serialize/issues.js';
import { addReaction, reactionsOf } from '../state/issue-actions.js';
import { REACTION_CONTENTS, type ReactionContent, type ReactionSubject } from '../state/records.js';
import { commentParam } from './comment-routes.js';
import { issueParam } from './lookup.js';

const reactionBody = z.object({ content: z.enum(REACTION_CONTENTS as [ReactionContent, ...ReactionContent[]]) });

function list(request: ApiRequest, subject: ReactionSubject): ReturnType<typeof json> {
  const wanted = request.query.get('content');
  const reactions = reactionsOf(request.state, subject).filter((item) => !wanted || item.content === wanted);
  const page = paginate(request, reactions);
  return json(
    200,
    page.items.map((item) => reaction(request.context, item)),
    page.headers,
  );
}

/** 201 for a new reaction, 200 when this user already reacted with this content. */
function react(request: ApiRequest, subject: ReactionSubject): ReturnType<typeof json> {
  const body = parseBody(reactionBody, request.body, 'Reaction');
  const result = addReaction(request.state, subject, body.content, request.viewer.login);
  return json(result.created ? 201 : 200, reaction(request.context, result.reaction));
}

export const reactionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/reactions',
    scope: 'issues',
    role: 'read',
    handle: (request) => list(request, { kind: 'issue', number: issueParam(request).number }),
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/reactions',
    scope: 'issues',
    role: 'read',
    handle: (request) => react(request, { kind: 'issue', number: issueParam(request).number }),
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    scope: 'issues',
    role: 'read',
    handle: (request) => list(request, { kind: 'issue-comment', id: commentParam(request).id }),
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    scope: 'issues',
    role: 'read',
    handle: (request) => react(request, { kind: 'issue-comment', id: commentParam(request).id }),
  },
];

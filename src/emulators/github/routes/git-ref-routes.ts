import { z } from 'zod';
import { notFound, unprocessable } from '../http/api-error.js';
import { json, noContent, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { gitRef } from '../serialize/git-objects.js';

const newRef = z.object({ ref: z.string().min(1), sha: z.string().min(1), key: z.string().optional() });
const refUpdate = z.object({ sha: z.string().min(1), force: z.boolean().optional() });

/** `heads/main` in a URL names `refs/heads/main`. */
function fullRef(request: ApiRequest): string {
  return `refs/${(request.params['ref'] ?? '').replace(/^refs\//, '')}`;
}

function refResponse(request: ApiRequest, ref: string, sha: string): Record<string, unknown> {
  return gitRef(request.context, ref, sha, request.state.git.objectType(sha) ?? 'commit');
}

export const gitRefRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/ref/{ref}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const ref = fullRef(request);
      const sha = request.state.git.readRef(ref);
      if (!sha) throw notFound();
      return json(200, refResponse(request, ref, sha));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/matching-refs/{ref}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const prefix = fullRef(request);
      const refs = request.state.git
        .listRefs(prefix.endsWith('/') ? prefix : prefix.slice(0, prefix.lastIndexOf('/') + 1))
        .filter((entry) => entry.ref.startsWith(prefix));
      return json(
        200,
        refs.map((entry) => refResponse(request, entry.ref, entry.sha)),
      );
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/refs',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const body = parseBody(newRef, request.body, 'Reference');
      const { git } = request.state;
      if (!/^refs\/[^/]+\/.+/.test(body.ref) || body.ref.includes('..') || body.ref.endsWith('/')) throw unprocessable(`${body.ref} is not a valid ref name.`);
      if (!git.hasObject(body.sha)) throw unprocessable('Object does not exist');
      if (git.readRef(body.ref)) throw unprocessable('Reference already exists');
      git.updateRef(body.ref, body.sha, '0'.repeat(40));
      return json(201, refResponse(request, body.ref, body.sha), { location: `${request.context.urls.repoApi}/git/${body.ref}` });
    },
  },
  {
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/git/refs/{ref}',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const ref = fullRef(request);
      const body = parseBody(refUpdate, request.body, 'Reference');
      const { git } = request.state;
      const current = git.readRef(ref);
      if (!current) throw unprocessable('Reference does not exist');
      if (!git.hasObject(body.sha)) throw unprocessable('Object does not exist');
      if (!body.force && current !== body.sha && !git.isAncestor(current, body.sha)) throw unprocessable('Update is not a fast forward');
      git.updateRef(ref, body.sha, current);
      return json(200, refResponse(request, ref, body.sha));
    },
  },
  {
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/git/refs/{ref}',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const ref = fullRef(request);
      if (!request.state.git.readRef(ref)) throw unprocessable('Reference does not exist');
      request.state.git.deleteRef(ref);
      return noContent();
    },
  },
];

import { json, type Route } from '../http/route.js';

export const rateLimitRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rate_limit',
    scope: 'metadata',
    role: 'none',
    handle: (request) => {
      const bucket = (resource: 'core' | 'search'): Record<string, number> => {
        const headers = request.rateLimits.headers(request.viewer.login, resource);
        return {
          limit: Number(headers['x-ratelimit-limit']),
          remaining: Number(headers['x-ratelimit-remaining']),
          reset: Number(headers['x-ratelimit-reset']),
          used: Number(headers['x-ratelimit-used']),
        };
      };
      const core = bucket('core');
      return json(200, { resources: { core, search: bucket('search') }, rate: core });
    },
  },
];

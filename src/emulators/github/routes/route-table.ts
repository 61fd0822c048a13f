import type { Route } from '../http/route.js';
import { actionsRoutes } from './actions-routes.js';
import { checkRoutes } from './check-routes.js';
import { commentRoutes } from './comment-routes.js';
import { commitRoutes } from './commit-routes.js';
import { contentsRoutes } from './contents-routes.js';
import { gitObjectRoutes } from './git-object-routes.js';
import { gitRefRoutes } from './git-ref-routes.js';
import { issueRoutes } from './issue-routes.js';
import { labelRoutes } from './label-routes.js';
import { pullRoutes } from './pull-routes.js';
import { rateLimitRoutes } from './rate-limit-routes.js';
import { reactionRoutes } from './reaction-routes.js';
import { repositoryRoutes } from './repository-routes.js';
import { reviewCommentRoutes } from './review-comment-routes.js';
import { reviewRoutes } from './review-routes.js';
import { searchRoutes } from './search-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { statusRoutes } from './status-routes.js';

/** Every endpoint the emulator serves; the contract test checks each against GitHub's OpenAPI description. */
export const ROUTES: readonly Route[] = [
  ...repositoryRoutes,
  ...rateLimitRoutes,
  ...contentsRoutes,
  ...labelRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...reactionRoutes,
  ...searchRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...reviewCommentRoutes,
  ...checkRoutes,
  ...statusRoutes,
  ...gitRefRoutes,
  ...gitObjectRoutes,
  ...commitRoutes,
  ...actionsRoutes,
  ...settingsRoutes,
];

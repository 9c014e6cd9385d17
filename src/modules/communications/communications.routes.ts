import type { AppDeps } from '../../platform/app-deps.ts';
import { createRouter } from '../../platform/http/openapi-router.ts';
import { contactComplianceRoutes } from '../compliance/context/context.routes.ts';
import { smsCallbackRoutes } from './inbound/sms-callbacks.routes.ts';
import { messagesRoutes } from './messages.routes.ts';
import { portalMessagesRoutes } from './portal/portal-messages.routes.ts';
import { templatesRoutes } from './templates/templates.routes.ts';

/** Every communications and contact-compliance route, mounted under /api by create-app. */
export function communicationsRoutes(deps: AppDeps) {
  return createRouter()
    .route('/', messagesRoutes(deps))
    .route('/', templatesRoutes(deps))
    .route('/', contactComplianceRoutes(deps))
    .route('/', smsCallbackRoutes(deps))
    .route('/', portalMessagesRoutes(deps));
}

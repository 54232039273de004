import type { ApiRequest } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import type { Session } from '../sessions/session-store.ts';
import type { FormFields } from './body.ts';

/** What the dashboard's guard established about a request, for the route that answers it. */
export interface DashboardRequestContext {
	session: Session | null;
	/** The guild of a `[guild]` route, once the user's Manage Server there was checked. */
	guild: Guild | null;
	isOwner: boolean;
	/** The parsed form or JSON body of a state-changing request (read once, size-limited). */
	body: FormFields;
}

// On the request itself rather than in a WeakMap: thousands of short-lived WeakMap keys a second
// make every garbage collection walk its ephemeron table (visible in the overview's p99).
const CONTEXT = Symbol('foyer.dashboard.request-context');
type WithContext = ApiRequest & { [CONTEXT]?: DashboardRequestContext };

export function setRequestContext(request: ApiRequest, context: DashboardRequestContext): void {
	(request as WithContext)[CONTEXT] = context;
}

export function requestContext(request: ApiRequest): DashboardRequestContext {
	return (request as WithContext)[CONTEXT] ?? { session: null, guild: null, isOwner: false, body: {} };
}

export function isHtmx(request: ApiRequest): boolean {
	return request.headers['hx-request'] === 'true';
}

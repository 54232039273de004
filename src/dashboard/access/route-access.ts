import type { Route } from '@sapphire/plugin-api';

/**
 * Who may call a route. Secure by default: every route needs a login; a route with a `[guild]`
 * segment needs Manage Server on that guild; `/admin/...` needs a bot owner. Only routes that say
 * `access: 'public'` in their options (the login pages, assets, webhooks) skip the login.
 */
export type RouteAccess = 'public' | 'session' | 'guild' | 'owner';

declare module '@sapphire/plugin-api' {
	interface RouteOptions {
		access?: RouteAccess;
	}
}

export function accessOf(route: Route): RouteAccess {
	const declared = (route.options as { access?: RouteAccess }).access;
	if (declared) return declared;
	if (route.path.includes('[guild]')) return 'guild';
	if (route.path[0] === 'admin') return 'owner';
	return 'session';
}

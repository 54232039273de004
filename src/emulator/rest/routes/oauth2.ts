import { ApiError } from '../../errors.ts';
import { bind, Reply, type RestRoute, type RouteContext } from '../../http/route.ts';
import { ACCESS_TOKEN_TTL_S, type OAuthStore } from '../../oauth-store.ts';
import type { EmApplication, EmUser } from '../../world/types.ts';

const KNOWN_SCOPES = new Set([
	'identify',
	'email',
	'guilds',
	'guilds.members.read',
	'bot',
	'applications.commands',
	'connections',
]);

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function oauthError(error: string, description: string, status = 400): Reply {
	return new Reply(status, { error, error_description: description });
}

interface AuthorizeRequest {
	app: EmApplication;
	redirectUri: string;
	scopes: string[];
	state: string | null;
}

function readAuthorize(ctx: RouteContext): AuthorizeRequest {
	const q = ctx.query;
	const app = ctx.world.applications.get(q.get('client_id') ?? '');
	if (!app) throw new ApiError(400, 0, 'Unknown client_id');
	if (q.get('response_type') !== 'code') throw new ApiError(400, 0, 'response_type must be "code"');
	const redirectUri = q.get('redirect_uri');
	if (!redirectUri || !/^https?:\/\//.test(redirectUri))
		throw new ApiError(400, 0, 'redirect_uri must be an http(s) URL');
	const scopes = (q.get('scope') ?? '').split(/[ +]/).filter(Boolean);
	if (scopes.length === 0) throw new ApiError(400, 0, 'scope is required');
	const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
	if (unknown.length) throw new ApiError(400, 0, `Unknown scope(s): ${unknown.join(', ')}`);
	return { app, redirectUri, scopes, state: q.get('state') };
}

/** The consent page's look: the Foyer dashboard's palette (light and dark), so the sandbox login feels like one site. */
const PAGE_STYLE = `:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#1d2026;--muted:#5b6270;--card:#fff;--line:#d9dde3;--accent:#4752c4;--focus:#f0b400;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
@media (prefers-color-scheme:dark){:root{--bg:#17191d;--fg:#e8eaee;--muted:#a5acb8;--card:#22252b;--line:#3a3f48;--accent:#8b93ff}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg)}
main{max-width:32rem;margin:2rem auto;padding:1rem 1.2rem;background:var(--card);border:1px solid var(--line);border-radius:.6rem}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}p,small{color:var(--muted)}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
form{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap}label{font-weight:600}
input,button{font:inherit;padding:.35rem .6rem;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg)}
ul{list-style:none;padding:0;margin:1rem 0 0}li+li{margin-top:.4rem}
li a{display:block;padding:.55rem .8rem;border:1px solid var(--line);border-radius:.4rem;color:var(--fg);text-decoration:none}
li a:hover{box-shadow:inset 3px 0 var(--accent);background:var(--bg)}
@media (max-width:34rem){main{margin:0;border-radius:0;border-width:0 0 1px}}`;
/** An inline icon: the page asks its origin for no /favicon.ico (a 404 in the browser's console). */
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4752c4"/></svg>')}`;

/**
 * The consent page. Instead of a Discord login it lists the emulated (non-bot) users: picking one
 * authorizes as that user. Guild owners come first, since they are who a dashboard login needs.
 */
const authorize: RestRoute['handler'] = (ctx) => {
	const request = readAuthorize(ctx);
	const owners = new Set([...ctx.world.guilds.values()].map((g) => g.ownerId));
	const users = [...ctx.world.users.values()].filter((u) => !u.bot);
	users.sort((a, b) => Number(owners.has(b.id)) - Number(owners.has(a.id)));
	const filter = (ctx.query.get('filter') ?? '').toLowerCase();
	const shown = users.filter((u) => !filter || u.username.toLowerCase().includes(filter)).slice(0, 200);
	const base = new URLSearchParams(ctx.query);
	const row = (u: EmUser) => {
		const params = new URLSearchParams(base);
		params.set('user_id', u.id);
		const label = owners.has(u.id) ? ' (server owner)' : '';
		return `<li><a href="/oauth2/authorize/confirm?${escapeHtml(params.toString())}" data-user-id="${u.id}">${escapeHtml(u.globalName ?? u.username)} <small>@${escapeHtml(u.username)}${label}</small></a></li>`;
	};
	return Reply.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(request.app.name)} (Discord emulator)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="${FAVICON}"><style>${PAGE_STYLE}</style></head>
<body><main><h1>Authorize ${escapeHtml(request.app.name)}</h1>
<p>Discord emulator: choose the user to log in as. Scopes: <code>${escapeHtml(request.scopes.join(' '))}</code></p>
<form method="get" action="/oauth2/authorize">${[...base.entries()]
		.filter(([k]) => k !== 'filter')
		.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
		.join('')}
<label>Filter <input name="filter" value="${escapeHtml(filter)}"></label> <button>Search</button></form>
<ul>${shown.map(row).join('\n')}</ul></main></body></html>`);
};

function confirm(ctx: RouteContext, oauth: OAuthStore): unknown {
	const request = readAuthorize(ctx);
	const user = ctx.world.users.get(ctx.query.get('user_id') ?? '');
	if (!user || user.bot) throw new ApiError(400, 0, 'Pick an existing, non-bot user');
	const code = oauth.issueCode(request.app.id, user.id, request.redirectUri, request.scopes, ctx.world.now());
	const target = new URL(request.redirectUri);
	target.searchParams.set('code', code);
	if (request.state !== null) target.searchParams.set('state', request.state);
	return Reply.redirect(target.toString());
}

/** Client credentials from HTTP Basic or the form body, as Discord accepts both. */
function client(ctx: RouteContext): EmApplication | null {
	const body = (ctx.body ?? {}) as Record<string, string>;
	let id = body.client_id;
	let secret = body.client_secret;
	const basic = ctx.req.headers.authorization;
	if (basic?.startsWith('Basic ')) {
		const [u, p] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
		id = u;
		secret = p;
	}
	const app = id ? ctx.world.applications.get(id) : undefined;
	return app && app.clientSecret === secret ? app : null;
}

function token(ctx: RouteContext, oauth: OAuthStore): unknown {
	const body = (ctx.body ?? {}) as Record<string, string>;
	const app = client(ctx);
	if (!app) return oauthError('invalid_client', 'Invalid client_id or client_secret', 401);
	const now = ctx.world.now();
	let issued: ReturnType<OAuthStore['issueToken']> | null = null;
	if (body.grant_type === 'authorization_code') {
		const pending = oauth.redeemCode(body.code ?? '', now);
		if (!pending || pending.appId !== app.id) return oauthError('invalid_grant', 'Invalid "code" in request.');
		if (pending.redirectUri !== body.redirect_uri)
			return oauthError('invalid_grant', 'Invalid "redirect_uri" in request.');
		issued = oauth.issueToken(app.id, pending.userId, pending.scopes, now);
	} else if (body.grant_type === 'refresh_token') {
		issued = oauth.refresh(body.refresh_token ?? '', app.id, now);
		if (!issued) return oauthError('invalid_grant', 'Invalid "refresh_token" in request.');
	} else return oauthError('unsupported_grant_type', 'Unsupported grant type');
	return {
		access_token: issued.grant.accessToken,
		token_type: 'Bearer',
		expires_in: ACCESS_TOKEN_TTL_S,
		refresh_token: issued.refreshToken,
		scope: issued.grant.scopes.join(' '),
	};
}

function revoke(ctx: RouteContext, oauth: OAuthStore): unknown {
	if (!client(ctx)) return oauthError('invalid_client', 'Invalid client_id or client_secret', 401);
	oauth.revoke(((ctx.body ?? {}) as Record<string, string>).token ?? '');
	return {};
}

export const oauthRoutes = (oauth: OAuthStore): RestRoute[] => [
	{ method: 'GET', path: '/oauth2/authorize', auth: 'none', handler: authorize },
	{ method: 'GET', path: '/oauth2/authorize/confirm', auth: 'none', handler: bind(oauth, confirm) },
	{ method: 'POST', path: '/oauth2/token', auth: 'none', handler: bind(oauth, token) },
	{ method: 'POST', path: '/oauth2/token/revoke', auth: 'none', handler: bind(oauth, revoke) },
];

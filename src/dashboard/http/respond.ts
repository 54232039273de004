import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { dashboardTexts, pageLocale } from './page-locale.ts';
import { isHtmx, requestContext } from './request-context.ts';

export interface PageOptions {
	title: string;
	/** Trusted HTML: the output of an escaping template, never raw user text. */
	body: string;
	status?: number;
	/** Highlights this entry of the guild navigation. */
	active?: string;
	flash?: { kind: 'ok' | 'error'; text: string } | null;
}

function send(response: ApiResponse, status: number, html: string): void {
	// Encoded once, here: a string body (a rope of template pieces) costs Node several times more to
	// measure and write than the same bytes in a Buffer (measured: most of the page's time per request).
	sendBytes(response, status, Buffer.from(html));
}

function sendBytes(response: ApiResponse, status: number, bytes: Buffer): void {
	if (response.writableEnded) return;
	response.writeHead(status, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Length': bytes.length,
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		'X-Frame-Options': 'DENY',
	});
	response.end(bytes);
}

/**
 * Answers with a whole page (layout, navigation, CSRF token) or, for an htmx request, with the
 * body alone: one URL serves both, hence `Vary: HX-Request` (set by the guard).
 */
/** An htmx fragment (or any partial HTML answer), with the same security headers as a page. */
export function sendFragment(response: ApiResponse, status: number, html: string): void {
	send(response, status, html);
}

export function sendPage(request: ApiRequest, response: ApiResponse, options: PageOptions): void {
	send(response, options.status ?? 200, pageHtml(request, options));
}

/** What the layout shows around a page's body, for this request. */
function layoutModel(request: ApiRequest, options: Omit<PageOptions, 'body'>) {
	const ctx = requestContext(request);
	const locale = pageLocale(request);
	return {
		locale,
		title: options.title,
		flash: options.flash ?? null,
		user: ctx.session ? { id: ctx.session.userId, name: ctx.session.username } : null,
		csrf: ctx.session?.csrfToken ?? '',
		isOwner: ctx.isOwner,
		guild: ctx.guild ? { id: ctx.guild.id, name: ctx.guild.name } : null,
		nav: ctx.guild && container.dashboard ? container.dashboard.navigationFor(ctx.guild, locale) : [],
		active: options.active ?? '',
		sandbox: (container.dashboard?.sandbox ?? null) !== null,
	};
}

const fragmentOnly = (request: ApiRequest) => isHtmx(request) && request.headers['hx-boosted'] !== 'true';

function pageHtml(request: ApiRequest, options: PageOptions): string {
	if (fragmentOnly(request)) {
		const flash = options.flash ? container.plugins.views.renderCore('partials/flash', { flash: options.flash }) : '';
		return flash + options.body;
	}
	const model = layoutModel(request, options);
	return container.plugins.views.renderCore('layout', {
		...model,
		t: dashboardTexts(model.locale),
		body: options.body,
	});
}

// The last bytes of each memoised page slot, with the inputs they were made from.
const memo = new Map<string, { inputs: string; bytes: Buffer }>();
const MAX_MEMO = 1_000;

/**
 * sendPage for a page whose body depends only on `key` (the caller's promise): while the key and
 * everything the layout shows stay the same, the same bytes are sent again without rendering. One
 * slot per `slot` (say session, guild and period), so memory stays bounded.
 */
export function sendMemoPage(
	request: ApiRequest,
	response: ApiResponse,
	page: { slot: string; key: string; title: string; active?: string },
	body: () => string,
): void {
	const options = { title: page.title, ...(page.active ? { active: page.active } : {}) };
	const fragment = fragmentOnly(request);
	// The layout's inputs are part of the key: a new CSRF token, a renamed guild or a plugin's page changes it.
	const inputs = `${fragment}\u0000${page.key}\u0000${fragment ? '' : JSON.stringify(layoutModel(request, options))}`;
	const slot = `${fragment}:${page.slot}`;
	const hit = memo.get(slot);
	if (hit?.inputs === inputs) return sendBytes(response, 200, hit.bytes);
	const bytes = Buffer.from(pageHtml(request, { ...options, body: body() }));
	memo.delete(slot);
	if (memo.size >= MAX_MEMO) memo.delete(memo.keys().next().value as string);
	memo.set(slot, { inputs, bytes });
	sendBytes(response, 200, bytes);
}

/** An error as a page (or a fragment for htmx), with a message that says what to do. */
export function sendError(request: ApiRequest, response: ApiResponse, status: number, message: string): void {
	const locale = pageLocale(request);
	const body = renderView('pages/error', { locale, status, message });
	sendPage(request, response, { title: dashboardTexts(locale)('error.title', { status }), body, status });
}

/** After a successful form post: a redirect for plain forms, the fragment for htmx. */
export function redirect(response: ApiResponse, location: string): void {
	response.writeHead(303, { Location: location });
	response.end();
}

/**
 * A core view in `data.locale`: the view reads its words as `it.t(key, vars)` (the `dashboard.*` keys
 * of the core's catalogs) and passes `t` on to the partials it includes.
 */
export function renderView<D extends { locale: string }>(name: string, data: D): string {
	return container.plugins.views.renderCore(name, { ...data, t: dashboardTexts(data.locale) });
}

export function guildOf(request: ApiRequest): Guild {
	const guild = requestContext(request).guild;
	if (!guild) throw new Error('guildOf() is for [guild] routes, after the dashboard guard');
	return guild;
}

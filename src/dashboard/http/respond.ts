import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
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
	if (response.writableEnded) return;
	response.writeHead(status, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Length': Buffer.byteLength(html),
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		'X-Frame-Options': 'DENY',
	});
	response.end(html);
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
	const status = options.status ?? 200;
	if (isHtmx(request) && request.headers['hx-boosted'] !== 'true') {
		const flash = options.flash ? container.plugins.views.renderCore('partials/flash', { flash: options.flash }) : '';
		return send(response, status, flash + options.body);
	}
	const ctx = requestContext(request);
	const html = container.plugins.views.renderCore('layout', {
		title: options.title,
		body: options.body,
		flash: options.flash ?? null,
		user: ctx.session ? { id: ctx.session.userId, name: ctx.session.username } : null,
		csrf: ctx.session?.csrfToken ?? '',
		isOwner: ctx.isOwner,
		guild: ctx.guild ? { id: ctx.guild.id, name: ctx.guild.name } : null,
		nav: ctx.guild && container.dashboard ? container.dashboard.navigationFor(ctx.guild) : [],
		active: options.active ?? '',
		sandbox: (container.dashboard?.sandbox ?? null) !== null,
	});
	send(response, status, html);
}

/** An error as a page (or a fragment for htmx), with a message that says what to do. */
export function sendError(request: ApiRequest, response: ApiResponse, status: number, message: string): void {
	const body = container.plugins.views.renderCore('pages/error', { status, message });
	sendPage(request, response, { title: `Error ${status}`, body, status });
}

/** After a successful form post: a redirect for plain forms, the fragment for htmx. */
export function redirect(response: ApiResponse, location: string): void {
	response.writeHead(303, { Location: location });
	response.end();
}

export function renderView(name: string, data: object): string {
	return container.plugins.views.renderCore(name, data);
}

export function guildOf(request: ApiRequest): Guild {
	const guild = requestContext(request).guild;
	if (!guild) throw new Error('guildOf() is for [guild] routes, after the dashboard guard');
	return guild;
}

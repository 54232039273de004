import { Route } from '@sapphire/plugin-api';
import { previewPart, templatePreviewHtml } from '../forms/template-preview.ts';
import { pageLocale } from '../http/page-locale.ts';
import { requestContext } from '../http/request-context.ts';
import { guildOf, sendFragment } from '../http/respond.ts';

/**
 * The live preview of a message template as the admin types (`?field=<name>&<name>=<template>`, and
 * `&as=embed-title|embed-description` for text that goes in the embed).
 */
export class DashboardTemplatePreviewRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/template-preview', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const session = requestContext(request).session;
		const name = typeof request.query.field === 'string' ? request.query.field : 'template';
		const raw = request.query[name];
		const template = typeof raw === 'string' ? raw : '';
		const part = previewPart(request.query.as);
		const html = await templatePreviewHtml(guild, session?.userId ?? '', template, part, pageLocale(request));
		sendFragment(response, 200, html);
	}
}

import { Route } from '@sapphire/plugin-api';
import { PermissionFlagsBits } from 'discord.js';
import { runningDashboard } from '../container.ts';
import { pageLocale, pageTexts } from '../http/page-locale.ts';
import { requestContext } from '../http/request-context.ts';
import { renderView, sendError, sendPage } from '../http/respond.ts';

/** Permissions Foyer asks for when added to a server (roles, messages, invites, members). */
const BOT_PERMISSIONS =
	PermissionFlagsBits.ManageRoles |
	PermissionFlagsBits.ManageGuild |
	PermissionFlagsBits.KickMembers |
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.AddReactions |
	PermissionFlagsBits.ReadMessageHistory;

const MANAGE = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

function initials(name: string): string {
	return (
		name
			.split(/\s+/)
			.map((w) => [...w][0] ?? '')
			.join('')
			.slice(0, 3) || '?'
	);
}

/** The guild picker: servers the user manages where Foyer is, and an "add Foyer" link for the others. */
export class DashboardGuildsRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: '/', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const dashboard = runningDashboard();
		const session = requestContext(request).session;
		const t = pageTexts(request);
		if (!session) return sendError(request, response, 401, t('error.loginFirst'));
		let guilds: Awaited<ReturnType<typeof dashboard.userGuilds>>;
		try {
			guilds = await dashboard.userGuilds(session);
		} catch {
			return sendError(request, response, 502, t('guilds.discordFailed'));
		}
		const manageable = guilds.filter((g) => g.owner || (BigInt(g.permissions) & MANAGE) !== 0n);
		const managed = manageable
			.filter((g) => dashboard.botGuild(g.id))
			.map((g) => ({ id: g.id, name: g.name, initials: initials(g.name) }));
		const addable = manageable
			.filter((g) => !dashboard.botGuild(g.id))
			.map((g) => ({
				id: g.id,
				name: g.name,
				initials: initials(g.name),
				inviteUrl: dashboard.oauth.inviteUrl(g.id, BOT_PERMISSIONS),
			}));
		const body = renderView('pages/guilds', { locale: pageLocale(request), managed, addable });
		sendPage(request, response, { title: t('guilds.title'), body });
	}
}

import type { APIApplicationCommand } from 'discord-api-types/v10';
import { ApiError, Errors } from '../../errors.ts';
import { Reply, type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import type { EmApplication } from '../../world/types.ts';
import { validateCommand } from '../commands-validate.ts';

/** The map of global commands, or of one guild's commands, of the calling application. */
function commandMap(ctx: RouteContext): {
	app: EmApplication;
	map: Map<string, APIApplicationCommand>;
	guildId: string | null;
} {
	const app = requireApp(ctx);
	if (ctx.params.application_id !== app.id) throw new ApiError(403, 50001, 'Missing Access');
	const guildId = ctx.params.guild_id ?? null;
	if (guildId === null) return { app, map: app.globalCommands, guildId };
	const guild = ctx.world.guild(guildId);
	if (!guild.members.has(app.botUserId)) throw Errors.missingAccess();
	let map = app.guildCommands.get(guildId);
	if (!map) {
		map = new Map();
		app.guildCommands.set(guildId, map);
	}
	return { app, map, guildId };
}

function build(
	ctx: RouteContext,
	app: EmApplication,
	guildId: string | null,
	body: Record<string, unknown>,
	existing?: APIApplicationCommand,
): APIApplicationCommand {
	const id = existing?.id ?? ctx.world.newId();
	return {
		id,
		application_id: app.id,
		version: ctx.world.newId(),
		type: (body.type as number) ?? 1,
		name: body.name as string,
		name_localizations: (body.name_localizations as never) ?? null,
		description: (body.description as string) ?? '',
		description_localizations: (body.description_localizations as never) ?? null,
		options: (body.options as never) ?? [],
		default_member_permissions:
			body.default_member_permissions == null ? null : String(body.default_member_permissions),
		dm_permission: (body.dm_permission as boolean) ?? true,
		nsfw: (body.nsfw as boolean) ?? false,
		contexts: (body.contexts as never) ?? null,
		integration_types: (body.integration_types as never) ?? [0],
		...(guildId ? { guild_id: guildId } : {}),
	} as APIApplicationCommand;
}

function sameKey(a: { name: string; type?: number }, b: { name: string; type?: number }): boolean {
	return a.name === b.name && (a.type ?? 1) === (b.type ?? 1);
}

const list: RestRoute['handler'] = (ctx) => [...commandMap(ctx).map.values()];

const create: RestRoute['handler'] = (ctx) => {
	const { app, map, guildId } = commandMap(ctx);
	const body = validateCommand(ctx.body);
	const existing = [...map.values()].find((c) => sameKey(c, body as { name: string }));
	if (!existing && map.size >= 100)
		throw new ApiError(400, 30032, 'Maximum number of application commands reached (100)');
	const cmd = build(ctx, app, guildId, body, existing);
	map.set(cmd.id, cmd);
	// Discord answers 201 for a new command and 200 when one of that name was replaced.
	return existing ? cmd : new Reply(201, cmd);
};

const overwrite: RestRoute['handler'] = (ctx) => {
	const { app, map, guildId } = commandMap(ctx);
	if (!Array.isArray(ctx.body))
		throw Errors.invalidFormBody({
			_errors: [{ code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }],
		});
	if (ctx.body.length > 100) throw new ApiError(400, 30032, 'Maximum number of application commands reached (100)');
	const bodies = (ctx.body as unknown[]).map((b, i) => validateCommand(b, String(i)));
	const next = new Map<string, APIApplicationCommand>();
	for (const body of bodies) {
		// Discord keeps the id of a command whose name and type did not change.
		const existing = [...map.values()].find((c) => sameKey(c, body as { name: string }));
		const cmd = build(ctx, app, guildId, body, existing);
		next.set(cmd.id, cmd);
	}
	map.clear();
	for (const [id, cmd] of next) map.set(id, cmd);
	return [...map.values()];
};

const get: RestRoute['handler'] = (ctx) => {
	const cmd = commandMap(ctx).map.get(ctx.params.command_id as string);
	if (!cmd) throw Errors.unknownCommand();
	return cmd;
};

const edit: RestRoute['handler'] = (ctx) => {
	const { app, map, guildId } = commandMap(ctx);
	const current = map.get(ctx.params.command_id as string);
	if (!current) throw Errors.unknownCommand();
	const body = validateCommand({ ...current, ...(ctx.body as object) });
	const cmd = build(ctx, app, guildId, body, current);
	map.set(cmd.id, cmd);
	return cmd;
};

const remove: RestRoute['handler'] = (ctx) => {
	const { map } = commandMap(ctx);
	if (!map.delete(ctx.params.command_id as string)) throw Errors.unknownCommand();
	return undefined;
};

const G = '/applications/:application_id/commands';
const L = '/applications/:application_id/guilds/:guild_id/commands';

export const commandRoutes: RestRoute[] = [G, L].flatMap((base) => [
	{ method: 'GET', path: base, auth: 'bot', handler: list },
	{ method: 'POST', path: base, auth: 'bot', bucket: 'commands.write', handler: create },
	{ method: 'PUT', path: base, auth: 'bot', bucket: 'commands.write', handler: overwrite },
	{ method: 'GET', path: `${base}/:command_id`, auth: 'bot', handler: get },
	{ method: 'PATCH', path: `${base}/:command_id`, auth: 'bot', handler: edit },
	{ method: 'DELETE', path: `${base}/:command_id`, auth: 'bot', handler: remove },
]);

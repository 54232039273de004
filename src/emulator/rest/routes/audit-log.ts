import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestRoute } from '../../http/route.ts';
import { keptEntries } from '../../world/audit-log.ts';
import { auditEntryPayload, userPayload } from '../../world/serialize.ts';
import { guildOf, requireGuildPermission } from '../access.ts';
import { queryInt, querySnowflake } from '../input.ts';

/**
 * Get Guild Audit Log. With `after` (and no `before`) entries come oldest first, starting right
 * after that id; otherwise newest first, as Discord orders them.
 */
const get: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ViewAuditLog);
	const q = ctx.query;
	const limit = queryInt(q, 'limit', 1, 100, 50);
	const userId = querySnowflake(q, 'user_id')?.toString() ?? null;
	const type = q.get('action_type') ? queryInt(q, 'action_type', 0, 1_000_000, 0) : null;
	const before = querySnowflake(q, 'before');
	const after = querySnowflake(q, 'after');
	const matching = keptEntries(ctx.world, guild).filter(
		(e) =>
			(userId === null || e.userId === userId) &&
			(type === null || e.actionType === type) &&
			(before === null || BigInt(e.id) < before) &&
			(after === null || BigInt(e.id) > after),
	);
	const entries = after !== null && before === null ? matching.slice(0, limit) : matching.slice(-limit).reverse();
	const userIds = new Set<string>();
	for (const e of entries) for (const id of [e.userId, e.targetId]) if (id && ctx.world.users.has(id)) userIds.add(id);
	return {
		audit_log_entries: entries.map(auditEntryPayload),
		users: [...userIds].map((id) => userPayload(ctx.world.user(id))),
		integrations: [],
		webhooks: [],
		guild_scheduled_events: [],
		threads: [],
		application_commands: [],
		auto_moderation_rules: [],
	};
};

export const auditLogRoutes: RestRoute[] = [
	{ method: 'GET', path: '/guilds/:guild_id/audit-logs', auth: 'bot', handler: get },
];

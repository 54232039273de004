import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { fieldError } from '../../errors.ts';
import type { RestRoute } from '../../http/route.ts';
import { userPayload } from '../../world/serialize.ts';
import { guildOf, requireGuildPermission } from '../access.ts';

export const auditLogRoutes: RestRoute[] = [
	{
		method: 'GET',
		path: '/guilds/:guild_id/audit-logs',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			requireGuildPermission(ctx, guild, P.ViewAuditLog);
			const q = ctx.query;
			const limit = Number(q.get('limit') ?? 50);
			if (!Number.isInteger(limit) || limit < 1 || limit > 100)
				throw fieldError('limit', 'NUMBER_TYPE_MAX', 'Must be between 1 and 100.');
			const userId = q.get('user_id');
			const type = q.get('action_type') ? Number(q.get('action_type')) : null;
			const before = q.get('before');
			const after = q.get('after');
			const entries = guild.auditLog
				.filter(
					(e) =>
						(!userId || e.userId === userId) &&
						(type === null || e.actionType === type) &&
						(!before || BigInt(e.id) < BigInt(before)) &&
						(!after || BigInt(e.id) > BigInt(after)),
				)
				.slice(-limit)
				.reverse();
			const userIds = new Set(
				entries.flatMap((e) => [e.userId, e.targetId]).filter((id): id is string => !!id && ctx.world.users.has(id)),
			);
			return {
				audit_log_entries: entries.map((e) => ({
					id: e.id,
					user_id: e.userId,
					target_id: e.targetId,
					action_type: e.actionType,
					changes: e.changes,
					reason: e.reason ?? undefined,
					...(e.options ? { options: e.options } : {}),
				})),
				users: [...userIds].map((id) => userPayload(ctx.world.user(id))),
				integrations: [],
				webhooks: [],
				guild_scheduled_events: [],
				threads: [],
				application_commands: [],
				auto_moderation_rules: [],
			};
		},
	},
];

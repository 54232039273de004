import {
	type APIAuditLog,
	type APIExtendedInvite,
	AuditLogEvent,
	type Guild,
	type GuildMember,
	type Invite,
	RequestMethod,
	Routes,
} from 'discord.js';
import type { InviteReader } from './attribution/tracker.ts';
import type { AuditInviteEntry, InviteCreated, InviteState, MemberJoin } from './attribution/types.ts';

/**
 * discord.js → the engine's plain data. The plugin's listeners and the benchmark's plain client
 * both feed a GuildTracker through these.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
export const snowflakeTime = (id: string): number => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
export const snowflakeAt = (ms: number): string => ((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n).toString();

export function inviteStateOf(invite: Invite): InviteState {
	return {
		code: invite.code,
		uses: invite.uses ?? 0,
		maxUses: invite.maxUses ?? 0,
		expiresAt: invite.expiresTimestamp,
		createdAt: invite.createdTimestamp,
		inviterId: invite.inviterId,
		...(invite.roles?.size ? { roleIds: [...invite.roles.keys()] } : {}),
		...(invite.targetUser ? { targetUserIds: [invite.targetUser.id] } : {}),
	};
}

/** The same from the raw API object (GET /guilds/{id}/invites with Manage Guild). */
export function inviteStateOfApi(invite: APIExtendedInvite): InviteState {
	const roles = (invite as { roles?: { id: string }[] }).roles;
	return {
		code: invite.code,
		uses: invite.uses ?? 0,
		maxUses: invite.max_uses ?? 0,
		expiresAt: invite.expires_at ? Date.parse(invite.expires_at) : null,
		createdAt: invite.created_at ? Date.parse(invite.created_at) : null,
		inviterId: invite.inviter?.id ?? null,
		...(roles?.length ? { roleIds: roles.map((r) => r.id) } : {}),
		...(invite.target_user ? { targetUserIds: [invite.target_user.id] } : {}),
	};
}

export function inviteCreatedOf(invite: Invite, now = Date.now()): InviteCreated {
	return {
		code: invite.code,
		inviterId: invite.inviterId,
		maxUses: invite.maxUses ?? 0,
		expiresAt: invite.expiresTimestamp,
		createdAt: invite.createdTimestamp ?? now,
		...(invite.roles?.size ? { roleIds: [...invite.roles.keys()] } : {}),
	};
}

export function memberJoinOf(member: GuildMember, thisBotAdded = false): MemberJoin {
	return {
		userId: member.id,
		joinedAt: member.joinedTimestamp ?? Date.now(),
		bot: member.user.bot,
		roleIds: [...member.roles.cache.keys()].filter((id) => id !== member.guild.id),
		...(thisBotAdded ? { addedByThisBot: true } : {}),
	};
}

interface RawAuditEntry {
	id: string;
	action_type: number;
	user_id: string | null;
	changes?: { key: string; old_value?: unknown; new_value?: unknown }[];
}

function auditEntryOf(e: RawAuditEntry): AuditInviteEntry | null {
	const action =
		e.action_type === AuditLogEvent.InviteCreate
			? 'create'
			: e.action_type === AuditLogEvent.InviteDelete
				? 'delete'
				: null;
	if (!action) return null;
	const change = (key: string) => e.changes?.find((c) => c.key === key);
	const value = (key: string) => {
		const c = change(key);
		return action === 'create' ? c?.new_value : c?.old_value;
	};
	const code = value('code');
	if (typeof code !== 'string') return null;
	const num = (key: string) => (typeof value(key) === 'number' ? (value(key) as number) : undefined);
	const inviter = value('inviter_id');
	const out: AuditInviteEntry = { id: e.id, action, code, actorId: e.user_id, at: snowflakeTime(e.id) };
	if (typeof inviter === 'string' || inviter === null) out.inviterId = inviter as string | null;
	const maxUses = num('max_uses');
	if (maxUses !== undefined) out.maxUses = maxUses;
	const maxAge = num('max_age');
	if (maxAge !== undefined) out.maxAgeSeconds = maxAge;
	const uses = num('uses');
	if (uses !== undefined) out.uses = uses;
	return out;
}

/**
 * The engine's three reads for one guild, over discord.js's REST client (so its bucket queue and
 * the 50/s cap apply). The audit log is read from `since` on the first call (no entry id yet).
 */
export function inviteReaderOf(guild: Guild, since = Date.now()): InviteReader {
	const rest = guild.client.rest;
	// Newest entry id read so far (of any kind), so that a quiet log is not paged through again.
	let read = snowflakeAt(since - 60_000);
	return {
		async invites() {
			// Through the REST queue for the answer's Date header (it ties Discord's clock to ours).
			const res = await rest.queueRequest({ fullRoute: Routes.guildInvites(guild.id), method: RequestMethod.Get });
			const list = (await res.json()) as APIExtendedInvite[];
			const date = Date.parse(res.headers.get('date') ?? '');
			return { invites: list.map(inviteStateOfApi), ...(Number.isFinite(date) ? { date } : {}) };
		},
		async vanity() {
			const v = (await rest.get(Routes.guildVanityUrl(guild.id))) as { code: string | null; uses: number };
			return v.code === null ? null : { code: v.code, uses: v.uses };
		},
		async auditLog(after) {
			const out: AuditInviteEntry[] = [];
			let cursor = after !== null && BigInt(after) > BigInt(read) ? after : read;
			for (let page = 0; page < 10; page++) {
				const query = new URLSearchParams({ after: cursor, limit: '100' });
				const log = (await rest.get(Routes.guildAuditLog(guild.id), { query })) as APIAuditLog;
				const entries = log.audit_log_entries as unknown as RawAuditEntry[];
				for (const e of entries) {
					const parsed = auditEntryOf(e);
					if (parsed) out.push(parsed);
					if (BigInt(e.id) > BigInt(cursor)) cursor = e.id;
				}
				if (entries.length < 100) break;
			}
			read = cursor;
			return out;
		},
	};
}

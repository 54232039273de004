import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { channelPermissions } from './permissions.ts';
import type { EmChannel, EmGuild, EmPings } from './types.ts';

export interface AllowedMentions {
	parse?: ('users' | 'roles' | 'everyone')[];
	users?: string[];
	roles?: string[];
	replied_user?: boolean;
}

const USER_RE = /<@!?(\d{17,20})>/g;
const ROLE_RE = /<@&(\d{17,20})>/g;
const EVERYONE_RE = /@(everyone|here)/;

/** Mentions written in the content, whether or not they will ping. */
export function parseMentions(content: string): { users: string[]; roles: string[]; everyone: boolean } {
	const users = [...new Set([...content.matchAll(USER_RE)].map((m) => m[1] as string))];
	const roles = [...new Set([...content.matchAll(ROLE_RE)].map((m) => m[1] as string))];
	return { users, roles, everyone: EVERYONE_RE.test(content) };
}

/**
 * Who a message really pings, as Discord decides it: `allowed_mentions` filters what the content
 * mentions (no `allowed_mentions` means everything parsed is allowed), @everyone/@here needs
 * Mention Everyone, and a role pings only if it is mentionable or the author has Mention Everyone.
 */
export function resolvePings(
	content: string,
	allowed: AllowedMentions | undefined | null,
	ctx: { guild: EmGuild | null; channel: EmChannel; authorId: string },
): EmPings {
	const written = parseMentions(content);
	const parse = allowed ? new Set(allowed.parse ?? []) : new Set(['users', 'roles', 'everyone']);
	const allowUsers = allowed?.users ? new Set(allowed.users) : null;
	const allowRoles = allowed?.roles ? new Set(allowed.roles) : null;

	const users = written.users.filter((id) => parse.has('users') || allowUsers?.has(id));
	let roles = written.roles.filter((id) => parse.has('roles') || allowRoles?.has(id));
	let everyone = written.everyone && parse.has('everyone');

	const { guild } = ctx;
	if (guild) {
		const perms = channelPermissions(guild, ctx.channel, ctx.authorId);
		const canMentionEveryone = (perms & P.MentionEveryone) !== 0n;
		if (!canMentionEveryone) {
			everyone = false;
			roles = roles.filter((id) => guild.roles.get(id)?.mentionable);
		}
		roles = roles.filter((id) => guild.roles.has(id));
	} else {
		roles = [];
		everyone = false;
	}
	return { users, roles, everyone };
}

import { ChannelType, type Guild, PermissionFlagsBits } from 'discord.js';
import { assignProblem } from 'foyer';

/** The invite creation form, validated against the guild. */
export const MAX_AGES = [
	{ value: '3600', label: '1 hour' },
	{ value: '86400', label: '1 day' },
	{ value: '604800', label: '7 days' },
	{ value: '0', label: 'Never' },
] as const;
/** Discord takes a CSV of user ids; more than this many belongs in a file upload, not a form. */
export const MAX_TARGETS = 1_000;

export type InviteField = 'channel' | 'maxUses' | 'maxAge' | 'roles' | 'targets';
export interface InviteValues {
	channel: string;
	maxUses: string;
	maxAge: string;
	roles: string[];
	targets: string;
}
export interface InviteRequest {
	channelId: string;
	maxUses: number;
	maxAgeSeconds: number;
	roleIds: string[];
	targetUserIds: string[];
}
export type InviteInput =
	| { ok: true; request: InviteRequest; values: InviteValues }
	| { ok: false; errors: Partial<Record<InviteField, string>>; values: InviteValues };

export const EMPTY_INVITE_VALUES: InviteValues = { channel: '', maxUses: '0', maxAge: '86400', roles: [], targets: '' };

/** Why Foyer cannot create an invite to a channel, or null. */
export function channelProblem(guild: Guild, channelId: string): string | null {
	const channel = guild.channels.cache.get(channelId);
	if (!channel || channel.type === ChannelType.GuildCategory || channel.isThread())
		return 'not a channel of this server';
	const me = guild.members.me;
	if (!me || !channel.permissionsFor(me).has(PermissionFlagsBits.CreateInstantInvite))
		return 'Foyer lacks Create Invite there';
	return null;
}

export function parseInviteInput(
	guild: Guild,
	raw: { channel?: string; maxUses?: string; maxAge?: string; roles?: string[]; targets?: string },
): InviteInput {
	const values: InviteValues = {
		channel: (raw.channel ?? '').trim(),
		maxUses: (raw.maxUses ?? '').trim(),
		maxAge: (raw.maxAge ?? '').trim(),
		roles: [...new Set((raw.roles ?? []).map((r) => r.trim()).filter(Boolean))],
		targets: (raw.targets ?? '').trim(),
	};
	const errors: Partial<Record<InviteField, string>> = {};
	if (!/^\d{17,20}$/.test(values.channel)) errors.channel = 'Choose a channel.';
	else {
		const problem = channelProblem(guild, values.channel);
		if (problem) errors.channel = `Foyer cannot create an invite there: ${problem}.`;
	}
	const maxUses = values.maxUses === '' ? 0 : /^\d+$/.test(values.maxUses) ? Number(values.maxUses) : Number.NaN;
	if (!Number.isInteger(maxUses) || maxUses < 0 || maxUses > 100)
		errors.maxUses = 'Write a whole number from 0 (no limit) to 100.';
	const age = MAX_AGES.find((a) => a.value === values.maxAge);
	if (!age) errors.maxAge = 'Choose when it expires.';
	const roleProblems: string[] = [];
	for (const id of values.roles) {
		const role = /^\d{17,20}$/.test(id) ? guild.roles.cache.get(id) : undefined;
		if (!role) roleProblems.push('A chosen role no longer exists.');
		else {
			const problem = assignProblem(role);
			if (problem) roleProblems.push(problem);
		}
	}
	if (values.roles.length > 10) roleProblems.unshift('Choose at most 10 roles.');
	if (roleProblems.length) errors.roles = roleProblems.join(' ');
	const lines = values.targets
		.split(/[\s,]+/)
		.map((l) => l.trim().replace(/^<@!?(\d+)>$/, '$1'))
		.filter(Boolean);
	const bad = lines.filter((l) => !/^\d{17,20}$/.test(l));
	if (bad.length)
		errors.targets = `Not user ids: ${bad
			.slice(0, 3)
			.map((b) => `“${b.slice(0, 30)}”`)
			.join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}. Write one id (17 to 20 digits) per line.`;
	const targetUserIds = [...new Set(lines)];
	if (!bad.length && targetUserIds.length > MAX_TARGETS) errors.targets = `At most ${MAX_TARGETS} users.`;
	if (Object.keys(errors).length) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		request: {
			channelId: values.channel,
			maxUses,
			maxAgeSeconds: Number(age?.value ?? 86_400),
			roleIds: values.roles,
			targetUserIds,
		},
	};
}

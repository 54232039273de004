import { ChannelType, type Guild, PermissionFlagsBits } from 'discord.js';
import { assignProblem, type Translate } from 'foyer';

/** The invite creation form, validated against the guild. Its expiry choices (seconds; labels in `codes.ages`). */
export const MAX_AGES = ['3600', '86400', '604800', '0'] as const;
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

/** Why Foyer cannot create an invite to a channel (worded by `t`), or null. */
export function channelProblem(guild: Guild, channelId: string, t: Translate): string | null {
	const channel = guild.channels.cache.get(channelId);
	if (!channel || channel.type === ChannelType.GuildCategory || channel.isThread()) return t('codes.notAChannel');
	const me = guild.members.me;
	if (!me || !channel.permissionsFor(me).has(PermissionFlagsBits.CreateInstantInvite)) return t('codes.noCreateInvite');
	return null;
}

export function parseInviteInput(
	guild: Guild,
	raw: { channel?: string; maxUses?: string; maxAge?: string; roles?: string[]; targets?: string },
	t: Translate,
): InviteInput {
	const values: InviteValues = {
		channel: (raw.channel ?? '').trim(),
		maxUses: (raw.maxUses ?? '').trim(),
		maxAge: (raw.maxAge ?? '').trim(),
		roles: [...new Set((raw.roles ?? []).map((r) => r.trim()).filter(Boolean))],
		targets: (raw.targets ?? '').trim(),
	};
	const errors: Partial<Record<InviteField, string>> = {};
	if (!/^\d{17,20}$/.test(values.channel)) errors.channel = t('codes.chooseChannelError');
	else {
		const problem = channelProblem(guild, values.channel, t);
		if (problem) errors.channel = t('codes.channelError', { problem });
	}
	const maxUses = values.maxUses === '' ? 0 : /^\d+$/.test(values.maxUses) ? Number(values.maxUses) : Number.NaN;
	if (!Number.isInteger(maxUses) || maxUses < 0 || maxUses > 100) errors.maxUses = t('codes.maxUsesError');
	const age = MAX_AGES.find((a) => a === values.maxAge);
	if (!age) errors.maxAge = t('codes.maxAgeError');
	const roleProblems: string[] = [];
	for (const id of values.roles) {
		const role = /^\d{17,20}$/.test(id) ? guild.roles.cache.get(id) : undefined;
		if (!role) roleProblems.push(t('codes.roleGone'));
		else {
			const problem = assignProblem(role, t.locale);
			if (problem) roleProblems.push(problem);
		}
	}
	if (values.roles.length > 10) roleProblems.unshift(t('codes.tooManyRoles'));
	if (roleProblems.length) errors.roles = roleProblems.join(' ');
	const lines = values.targets
		.split(/[\s,]+/)
		.map((l) => l.trim().replace(/^<@!?(\d+)>$/, '$1'))
		.filter(Boolean);
	const bad = lines.filter((l) => !/^\d{17,20}$/.test(l));
	if (bad.length) {
		const list = bad
			.slice(0, 3)
			.map((b) => `“${b.slice(0, 30)}”`)
			.join(', ');
		errors.targets =
			bad.length > 3 ? t('codes.notIdsMore', { list, count: bad.length - 3 }) : t('codes.notIds', { list });
	}
	const targetUserIds = [...new Set(lines)];
	if (!bad.length && targetUserIds.length > MAX_TARGETS)
		errors.targets = t('codes.tooManyTargets', { max: MAX_TARGETS.toLocaleString(t.locale ?? 'en-US') });
	if (Object.keys(errors).length) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		request: {
			channelId: values.channel,
			maxUses,
			maxAgeSeconds: Number(age ?? 86_400),
			roleIds: values.roles,
			targetUserIds,
		},
	};
}

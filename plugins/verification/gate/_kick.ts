import type { GuildMember } from 'discord.js';
import { kickKey } from '../_ids.ts';
import plugin from '../plugin.ts';
import { exclusive } from './_busy.ts';
import { journal } from './_journal.ts';
import { isMissingPermissions, isUnknownMember } from './_members.ts';
import { takeWaiting } from './_waiting.ts';

export type KickCause = 'timeout' | 'captcha' | 'moderator';

export interface KickRequest {
	cause: KickCause;
	/** Said in the audit log (X-Audit-Log-Reason), the log channel and the dashboard. */
	reason: string;
	actor?: { id: string; name: string };
}

export type KickOutcome = { ok: true } | { ok: false; text: string };

/**
 * Removes a member from the server (a kick: they may join again) and takes them off the gate. Once:
 * a second call while the first runs is refused, and after it the member is gone (Unknown Member).
 */
export async function kickMember(member: GuildMember, request: KickRequest): Promise<KickOutcome> {
	const outcome = await exclusive(member.guild.id, member.id, () => kick(member, request));
	return outcome === 'busy' ? { ok: false, text: plugin.t('kick.busy', { guild: member.guild.id }) } : outcome;
}

async function kick(member: GuildMember, request: KickRequest): Promise<KickOutcome> {
	const guild = member.guild;
	try {
		await member.kick(request.reason.slice(0, 512));
	} catch (error) {
		if (!isUnknownMember(error) && !isMissingPermissions(error)) throw error;
		if (isUnknownMember(error)) {
			await takeWaiting(guild.id, member.id);
			return { ok: false, text: plugin.t('kick.gone', { guild: guild.id }) };
		}
		const text = plugin.t('kick.missingPermissions', { guild: guild.id });
		if (await plugin.counters.note(guild.id, text))
			plugin.log.warn({ guild: guild.id, member: member.id }, `Member not removed: ${text}`);
		return { ok: false, text };
	}
	await takeWaiting(guild.id, member.id);
	if (request.cause !== 'timeout') await plugin.cancel(kickKey(guild.id, member.id));
	plugin.counters.add(guild.id, 'kicked');
	plugin.log.info({ guild: guild.id, member: member.id, cause: request.cause }, `Member removed: ${request.reason}`);
	await journal(guild, {
		action: 'kicked',
		userId: member.id,
		username: member.user.username,
		by: request.actor?.id ?? request.cause,
		reason: request.reason,
		toChannel: plugin.settings(guild.id).logChannel,
	});
	return { ok: true };
}

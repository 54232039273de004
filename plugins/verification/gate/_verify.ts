import type { GuildMember } from 'discord.js';
import { memberText, type Translate } from 'foyer';
import { kickKey } from '../_ids.ts';
import { configured, looksVerified, type VerificationSettings } from '../_settings.ts';
import type { VerifiedBy } from '../api.ts';
import plugin from '../plugin.ts';
import { exclusive, inOrder } from './_busy.ts';
import { journal } from './_journal.ts';
import { isMissingPermissions, isUnknownMember } from './_members.ts';
import { dropQueued } from './_role-queue.ts';
import { GateRoleError, passGateRoles } from './_roles.ts';
import { findWaiting, takeWaiting } from './_waiting.ts';
import { welcomeVerified } from './_welcome.ts';

export type VerifyOutcome =
	| { ok: true }
	| { ok: false; reason: 'already' | 'off' | 'busy' | 'gone' | 'roles'; text: string };

export interface VerifyOptions {
	/** The moderator who verified the member (commands, dashboard). */
	actor?: { id: string; name: string };
	/** The language of the outcome's text: the member's (a button) or the moderator's (a command, a page). */
	locale?: string | null;
}

/**
 * Lets a member through the gate: roles changed in one call, the pending removal cancelled, the
 * welcome sent and `verification:verified` published. Safe to call twice: the second call finds
 * nothing to do ("already") or the first one still at work ("busy").
 */
export async function verifyMember(member: GuildMember, by: VerifiedBy, options: VerifyOptions = {}) {
	const s = plugin.settings(member.guild.id);
	const t = plugin.translator({ locale: options.locale ?? null });
	if (!configured(s)) return refuse('off', t('outcome.off'));
	const outcome = await exclusive(member.guild.id, member.id, () => {
		// Not given yet: then it never will be, and only the verified role is to give.
		const dropped = dropQueued(member.guild.id, member.id);
		return inOrder(member.guild.id, member.id, () => pass(member, by, s, options, !dropped));
	});
	return outcome === 'busy' ? refuse('busy', t('outcome.busy')) : outcome;
}

async function pass(
	member: GuildMember,
	by: VerifiedBy,
	s: VerificationSettings,
	options: VerifyOptions,
	unverifiedMayBeThere: boolean,
): Promise<VerifyOutcome> {
	const guild = member.guild;
	const t = plugin.translator({ locale: options.locale ?? null });
	const waiting = await findWaiting(guild.id, member.id);
	if (!waiting && by !== 'skip' && looksVerified(member.roles.cache, s)) return refuse('already', t('outcome.already'));
	try {
		await passGateRoles(member, s, unverifiedMayBeThere && waiting?.stage === 'waiting');
	} catch (error) {
		if (isUnknownMember(error)) return refuse('gone', t('outcome.gone'));
		if (error instanceof GateRoleError || isMissingPermissions(error)) {
			// The note and the log line stay in English (the server's log); the reply is in the reader's language.
			const reason = error instanceof GateRoleError ? error.message : plugin.t('outcome.missingPermissions');
			const told = error instanceof GateRoleError ? error.message : t('outcome.missingPermissions');
			if (await plugin.counters.note(guild.id, reason))
				plugin.log.warn({ guild: guild.id, member: member.id }, `Verification roles not changed: ${reason}`);
			plugin.counters.add(guild.id, 'roleErrors');
			return refuse('roles', t('outcome.roles', { reason: told }));
		}
		throw error;
	}
	const at = plugin.now();
	// After the roles: the role update our own call causes then finds the member gone from the gate.
	await takeWaiting(guild.id, member.id);
	if (waiting?.deadlineAt) await plugin.cancel(kickKey(guild.id, member.id));
	plugin.counters.add(guild.id, by === 'skip' ? 'skipped' : 'verified');
	const byModerator = by === 'moderator' || by === 'manual-role';
	await journal(guild, {
		action: 'verified',
		userId: member.id,
		username: member.user.username,
		by: options.actor?.id ?? by,
		reason: describe(by, options, plugin.translator({ guild: guild.id })),
		toChannel: byModerator ? s.logChannel : null,
	});
	await welcomeVerified(member, s);
	await plugin.events
		.emit('verification:verified', {
			guildId: guild.id,
			memberId: member.id,
			by,
			at,
			afterJoin: !!waiting || by === 'skip',
		})
		.catch((error: unknown) =>
			plugin.log.warn({ guild: guild.id, member: member.id, err: error }, 'A plugin failed on verification:verified'),
		);
	return { ok: true };
}

/** The log's line for a verification, in the server's language (the log is the server's record). */
function describe(by: VerifiedBy, options: VerifyOptions, t: Translate): string {
	if (by === 'moderator')
		return t('journal.moderator', { name: memberText(options.actor?.name ?? t('journal.aModerator')) });
	if (by === 'manual-role') return t('journal.manualRole');
	if (by === 'skip') return t('journal.skip');
	return t('journal.verifiedBy', { method: t(`journal.methods.${by}`) });
}

function refuse(reason: 'already' | 'off' | 'busy' | 'gone' | 'roles', text: string): VerifyOutcome {
	return { ok: false, reason, text };
}

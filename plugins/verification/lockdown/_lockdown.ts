import type { Guild } from 'discord.js';
import { memberText } from 'foyer';
import { lockdownKey } from '../_ids.ts';
import { MINUTE_MS, type VerificationSettings } from '../_settings.ts';
import { journal } from '../gate/_journal.ts';
import { syncGateMessage } from '../message/_gate-message.ts';
import plugin from '../plugin.ts';
import { countJoin, lastJoinSeen } from './_detector.ts';
import { dropLockdown, type Lockdown, lockdownOf, saveLockdown, touchLockdown } from './_state.ts';

const HOUR_MS = 60 * MINUTE_MS;
/** Discord refuses incident actions further ahead than this. */
const MAX_PAUSE_MS = 24 * HOUR_MS;
/** The last join is written to the lockdown at most this often: a raid must not mean a write per join. */
const TOUCH_EVERY_MS = 5_000;

const engaging = new Map<string, Promise<Lockdown | null>>();
const touched = new Map<string, number>();

/** Counts a join for raid detection; engages the lockdown when more than N joined within T seconds. */
export async function noteJoin(guild: Guild, s: VerificationSettings): Promise<void> {
	const now = plugin.now();
	const count = countJoin(guild.id, now, s.lockdownSeconds * 1000);
	const current = await lockdownOf(guild.id);
	if (current) {
		if (now - (touched.get(guild.id) ?? 0) >= TOUCH_EVERY_MS) {
			touched.set(guild.id, now);
			await touchLockdown(guild.id, now);
		}
		return;
	}
	if (s.lockdownJoins > 0 && count > s.lockdownJoins)
		await engage(guild, {
			automatic: true,
			reason: plugin.t('lockdownNotice.joins', { guild: guild.id, vars: { count, seconds: s.lockdownSeconds } }),
		});
}

export interface EngageRequest {
	automatic: boolean;
	reason: string;
	actor?: { id: string; name: string };
}

/** Engages the lockdown once (joins racing to it share one engagement); null when it already was. */
export function engage(guild: Guild, request: EngageRequest): Promise<Lockdown | null> {
	const running = engaging.get(guild.id);
	if (running) return running.then(() => null);
	const work = doEngage(guild, request).finally(() => engaging.delete(guild.id));
	engaging.set(guild.id, work);
	return work;
}

async function doEngage(guild: Guild, request: EngageRequest): Promise<Lockdown | null> {
	if (await lockdownOf(guild.id)) return null;
	const s = plugin.settings(guild.id);
	const now = plugin.now();
	const lockdown: Lockdown = {
		guildId: guild.id,
		since: now,
		reason: request.reason,
		automatic: request.automatic,
		captcha: s.lockdownCaptcha && s.mode !== 'captcha',
		invitesPausedUntil: null,
		lastJoinAt: lastJoinSeen(guild.id) ?? now,
	};
	// Stored first: from here on the gate asks for a captcha, whatever the calls below take.
	await saveLockdown(lockdown);
	// Said in the log channel and kept in the log: in the server's language.
	const t = plugin.translator({ guild: guild.id });
	const done: string[] = [];
	if (s.lockdownPauseInvites) {
		const until = now + Math.min(s.lockdownPauseHours * HOUR_MS, MAX_PAUSE_MS);
		try {
			await guild.setIncidentActions({ invitesDisabledUntil: new Date(until) });
			lockdown.invitesPausedUntil = until;
			await saveLockdown(lockdown);
			done.push(t('lockdownNotice.invitesPaused', { until: `<t:${Math.floor(until / 1000)}:f>` }));
		} catch (error) {
			const text = t('lockdownNotice.invitesNotPaused', {
				error: error instanceof Error ? error.message : String(error),
			});
			done.push(text);
			await plugin.counters.note(guild.id, text);
		}
	}
	if (lockdown.captcha) done.push(t('lockdownNotice.captcha'));
	plugin.counters.add(guild.id, 'lockdowns');
	if (request.automatic)
		await plugin.schedule(
			'lift',
			{ guildId: guild.id, since: lockdown.since },
			{ at: new Date(lockdown.lastJoinAt + s.lockdownQuietMinutes * MINUTE_MS), key: lockdownKey(guild.id) },
		);
	if (lockdown.captcha) await syncGateMessage(guild);
	const lift = request.automatic
		? t('lockdownNotice.liftsAfter', { minutes: s.lockdownQuietMinutes })
		: t('lockdownNotice.liftWith');
	const what = done.length ? ` ${capitalise(done.join('; '))}.` : '';
	const vars = { reason: request.reason, done: what, lift };
	const text = request.actor
		? t('lockdownNotice.engagedBy', { ...vars, name: memberText(request.actor.name) })
		: t('lockdownNotice.engaged', vars);
	plugin.log.warn({ guild: guild.id }, text);
	await journal(guild, {
		action: 'lockdown-on',
		by: request.actor?.id ?? 'automatic',
		reason: text,
		toChannel: s.lockdownAlertChannel ?? s.logChannel,
	});
	return lockdown;
}

export interface LiftRequest {
	reason: string;
	actor?: { id: string; name: string };
}

/** Undoes what the lockdown did (captcha, paused invites); false when there was none. */
export async function lift(guild: Guild, request: LiftRequest): Promise<boolean> {
	const lockdown = await lockdownOf(guild.id);
	if (!lockdown) return false;
	const s = plugin.settings(guild.id);
	const t = plugin.translator({ guild: guild.id });
	const notes: string[] = [];
	if (lockdown.invitesPausedUntil && lockdown.invitesPausedUntil > plugin.now()) {
		try {
			await guild.setIncidentActions({ invitesDisabledUntil: null });
			notes.push(t('lockdownNotice.invitesResumed'));
		} catch (error) {
			const text = t('lockdownNotice.invitesNotResumed', {
				error: error instanceof Error ? error.message : String(error),
			});
			notes.push(text);
			await plugin.counters.note(guild.id, text);
		}
	}
	await dropLockdown(guild.id);
	touched.delete(guild.id);
	await plugin.cancel(lockdownKey(guild.id));
	if (lockdown.captcha) await syncGateMessage(guild);
	const vars = { reason: request.reason, done: notes.length ? ` ${capitalise(notes.join('; '))}.` : '' };
	const text = request.actor
		? t('lockdownNotice.liftedBy', { ...vars, name: memberText(request.actor.name) })
		: t('lockdownNotice.lifted', vars);
	plugin.log.info({ guild: guild.id }, text);
	await journal(guild, {
		action: 'lockdown-off',
		by: request.actor?.id ?? 'automatic',
		reason: text,
		toChannel: s.lockdownAlertChannel ?? s.logChannel,
	});
	return true;
}

/** When an automatic lockdown may end: the quiet period after the last join (this process's or the stored one). */
export async function quietSince(guildId: string, lockdown: Lockdown): Promise<number> {
	return Math.max(lockdown.lastJoinAt, lastJoinSeen(guildId) ?? 0);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

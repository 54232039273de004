import type { InferEntity } from '@mikro-orm/core';
import type { GateMode, VerificationSettings } from '../_settings.ts';
import { VerificationLockdown } from '../entities/lockdown.ts';
import plugin from '../plugin.ts';

export interface Lockdown {
	guildId: string;
	since: number;
	reason: string;
	automatic: boolean;
	captcha: boolean;
	invitesPausedUntil: number | null;
	lastJoinAt: number;
}

const toLockdown = (r: InferEntity<typeof VerificationLockdown>): Lockdown => ({
	guildId: r.guildId,
	since: Number(r.since),
	reason: r.reason,
	automatic: r.automatic,
	captcha: r.captcha,
	invitesPausedUntil:
		r.invitesPausedUntil === null || r.invitesPausedUntil === undefined ? null : Number(r.invitesPausedUntil),
	lastJoinAt: Number(r.lastJoinAt),
});

// Every join and click asks; the row changes only here, so a copy per guild stays exact.
const cache = new Map<string, Lockdown | null>();

export async function lockdownOf(guildId: string): Promise<Lockdown | null> {
	const cached = cache.get(guildId);
	if (cached !== undefined) return cached;
	const row = await plugin.em().findOne(VerificationLockdown, { guildId });
	const lockdown = row ? toLockdown(row) : null;
	cache.set(guildId, lockdown);
	return lockdown;
}

export async function saveLockdown(lockdown: Lockdown): Promise<void> {
	await plugin.em().upsert(VerificationLockdown, lockdown);
	cache.set(lockdown.guildId, lockdown);
}

export async function touchLockdown(guildId: string, lastJoinAt: number): Promise<void> {
	await plugin.em().nativeUpdate(VerificationLockdown, { guildId }, { lastJoinAt });
	const cached = cache.get(guildId);
	if (cached) cached.lastJoinAt = lastJoinAt;
}

export async function dropLockdown(guildId: string): Promise<void> {
	await plugin.em().nativeDelete(VerificationLockdown, { guildId });
	cache.set(guildId, null);
}

/** The mode the gate asks for now: captcha while a lockdown says so, the configured one otherwise. */
export async function effectiveMode(guildId: string, s: VerificationSettings): Promise<GateMode> {
	return (await lockdownOf(guildId))?.captcha ? 'captcha' : s.mode;
}

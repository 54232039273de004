import { type InferEntity, UniqueConstraintViolationException } from '@mikro-orm/core';
import { VerificationChallenge } from '../entities/challenge.ts';
import { VerificationWaiting } from '../entities/waiting-member.ts';
import plugin from '../plugin.ts';

export interface WaitingRow {
	guildId: string;
	userId: string;
	username: string;
	stage: 'screening' | 'waiting';
	joinedAt: number;
	deadlineAt: number | null;
}

const toRow = (r: InferEntity<typeof VerificationWaiting>): WaitingRow => ({
	guildId: r.guildId,
	userId: r.userId,
	username: r.username,
	stage: r.stage === 'screening' ? 'screening' : 'waiting',
	joinedAt: Number(r.joinedAt),
	deadlineAt: r.deadlineAt === null || r.deadlineAt === undefined ? null : Number(r.deadlineAt),
});

/**
 * Puts a member at the gate. 'same' when this very join is already there (Discord may announce a
 * join twice): the caller then does nothing again. A newer join of the same user replaces the row.
 */
export async function addWaiting(row: WaitingRow): Promise<'added' | 'same'> {
	const em = plugin.em();
	try {
		await em.insert(VerificationWaiting, row);
		return 'added';
	} catch (error) {
		if (!(error instanceof UniqueConstraintViolationException)) throw error;
	}
	const where = { guildId: row.guildId, userId: row.userId };
	const existing = await em.findOne(VerificationWaiting, where);
	if (existing && Number(existing.joinedAt) === row.joinedAt) return 'same';
	await em.nativeUpdate(VerificationWaiting, where, row);
	return 'added';
}

export async function findWaiting(guildId: string, userId: string): Promise<WaitingRow | null> {
	const row = await plugin.em().findOne(VerificationWaiting, { guildId, userId });
	return row ? toRow(row) : null;
}

/** Screening done: the member now waits at the gate, with their deadline. */
export async function startWaiting(guildId: string, userId: string, deadlineAt: number | null): Promise<boolean> {
	const changed = await plugin
		.em()
		.nativeUpdate(VerificationWaiting, { guildId, userId, stage: 'screening' }, { stage: 'waiting', deadlineAt });
	return changed > 0;
}

/** Takes a member off the gate (and their captcha); true for the one caller that found them there. */
export async function takeWaiting(guildId: string, userId: string): Promise<boolean> {
	const em = plugin.em();
	const taken = (await em.nativeDelete(VerificationWaiting, { guildId, userId })) > 0;
	await em.nativeDelete(VerificationChallenge, { guildId, userId });
	return taken;
}

export async function listWaiting(guildId: string, limit = 100): Promise<WaitingRow[]> {
	const rows = await plugin
		.em()
		.find(VerificationWaiting, { guildId }, { orderBy: { deadlineAt: 'asc', joinedAt: 'asc' }, limit });
	return rows.map(toRow);
}

export function countWaiting(guildId: string): Promise<number> {
	return plugin.em().count(VerificationWaiting, { guildId });
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { JoinDmClosed } from '../entities/join-dm-closed.ts';
import plugin from '../plugin.ts';

/** Records that a member's DMs are closed; true only the first time, so each member is counted once. */
export async function firstTimeClosed(guildId: string, userId: string): Promise<boolean> {
	try {
		await plugin.em().insert(JoinDmClosed, { guildId, userId });
		return true;
	} catch (error) {
		if (error instanceof UniqueConstraintViolationException) return false;
		throw error;
	}
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { container } from '@sapphire/framework';
import { JoinDmClosed } from '../entities/join-dm-closed.ts';

/** Records that a member's DMs are closed; true only the first time, so each member is counted once. */
export async function firstTimeClosed(guildId: string, userId: string): Promise<boolean> {
	try {
		await container.db.em().insert(JoinDmClosed, { guildId, userId });
		return true;
	} catch (error) {
		if (error instanceof UniqueConstraintViolationException) return false;
		throw error;
	}
}

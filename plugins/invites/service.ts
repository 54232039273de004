import type { InviterOf, InvitesService } from './api.ts';
import { countsOf } from './records/counts.ts';
import { latestJoinOf } from './records/joins.ts';

/** The `invites` service (api.ts): read from the records. */
export const service: InvitesService = {
	async inviterOf(guildId, memberId): Promise<InviterOf | null> {
		const join = await latestJoinOf(guildId, memberId);
		if (!join) return null;
		const source = join.source === 'pending' ? 'unknown' : join.source;
		return {
			source,
			inviterId: join.inviterId,
			code: join.code,
			candidates: [...new Set(join.candidates.map((c) => c.inviterId).filter((id): id is string => id !== null))],
		};
	},
	async counts(guildId, inviterId) {
		const { tracked, left, fake, added, effective } = await countsOf(guildId, inviterId);
		return { tracked, left, fake, added, effective };
	},
};

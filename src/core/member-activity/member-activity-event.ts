import { defineEntity, p } from '@mikro-orm/core';

/**
 * A join or leave already counted in the member activity, by its event's dedupe key: a replayed
 * event (after a `kill -9`, delivered again because it was not recorded as handled) counts once.
 */
export const MemberActivityEvent = defineEntity({
	name: 'MemberActivityEvent',
	tableName: 'foyer_member_activity_events',
	properties: {
		eventKey: p.string().primary(),
		countedAt: p.bigint('number').index(),
	},
});

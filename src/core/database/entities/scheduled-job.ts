import { defineEntity, p } from '@mikro-orm/core';

/** A job of the embedded scheduler (the BullMQ backend keeps its jobs in Redis instead). */
export const ScheduledJob = defineEntity({
	name: 'ScheduledJob',
	tableName: 'foyer_scheduled_jobs',
	properties: {
		id: p.integer().primary().autoincrement(),
		task: p.string(),
		payload: p.json<unknown>().nullable(),
		runAt: p.bigint('number').index(),
		repeatEveryMs: p.integer().nullable(),
		repeatPattern: p.string().nullable(),
		status: p.string().index(),
		attempts: p.integer().default(0),
		lastError: p.text().nullable(),
		key: p.string().nullable().index(),
	},
});

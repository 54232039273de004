import { defineEntity, p } from '@mikro-orm/core';

/** An event Foyer has handled (all its plugin listeners settled), by dedupe key: replays skip it. */
export const EventLedgerEntry = defineEntity({
	name: 'FoyerEventLedgerEntry',
	tableName: 'foyer_event_ledger',
	properties: {
		eventKey: p.string().primary(),
		handledAt: p.bigint('number').index(),
	},
});

import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * An inviter's counters in a guild (seed 000), changed only by atomic `x = x + n` updates.
 * effective = tracked + added - left - fake, where `tracked` includes `imported`.
 *
 * - tracked: joins Foyer credited to them (counted or fake), plus `imported`;
 * - imported: uses their invites had before Foyer tracked them (/invite import, idempotent);
 * - fake: credited joins a fraud rule flagged (each also in tracked, so it adds 0 to effective);
 * - left: counted joins whose member left;
 * - added: the admins' bonus (/invite add, may be negative).
 */
export const InviterCountsRow = defineEntity({
	name: 'InviterCountsRow',
	tableName: 'invite_counts',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		inviterId: p.type(SnowflakeType).primary(),
		tracked: p.integer().default(0),
		imported: p.integer().default(0),
		left: p.integer().default(0),
		fake: p.integer().default(0),
		added: p.integer().default(0),
		updatedAtMs: p.bigint('number'),
	},
});

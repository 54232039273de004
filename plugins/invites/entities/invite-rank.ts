import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** An invite rank (seed 000): a role for members whose effective invites reach `invites`. */
export const InviteRank = defineEntity({
	name: 'InviteRank',
	tableName: 'invite_ranks',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		roleId: p.type(SnowflakeType).primary(),
		invites: p.integer(),
		createdAtMs: p.bigint('number'),
	},
	indexes: [{ properties: ['guildId', 'invites'] }],
});

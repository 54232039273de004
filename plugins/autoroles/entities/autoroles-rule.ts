import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * One auto role of a guild. `position` is the order roles are given in; the delay is kept in seconds
 * so that the dashboard (and tests) can use delays finer than the command's minutes.
 */
export const AutorolesRule = defineEntity({
	name: 'AutorolesRule',
	tableName: 'autoroles_rules',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType).index(),
		roleId: p.type(SnowflakeType),
		target: p.string().default('humans'),
		delaySeconds: p.integer().default(0),
		position: p.integer(),
		createdAt: p.datetime(),
	},
	// One rule per role and guild: `/autoroles remove role:` then names a rule unambiguously.
	uniques: [{ properties: ['guildId', 'roleId'] }],
});

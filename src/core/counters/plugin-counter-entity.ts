import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../database/snowflake-type.ts';

/** A plugin's named counter in one guild (messages sent, members welcomed...), owned by the core. */
export const PluginCounter = defineEntity({
	name: 'PluginCounter',
	tableName: 'foyer_plugin_counters',
	properties: {
		plugin: p.string().primary(),
		guildId: p.type(SnowflakeType).primary(),
		name: p.string().primary(),
		value: p.bigint('number').default(0),
	},
});

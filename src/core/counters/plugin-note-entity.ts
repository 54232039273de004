import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../database/snowflake-type.ts';

/** A plugin's last problem in one guild ("Discord refused to give Member..."), shown on its page. */
export const PluginNote = defineEntity({
	name: 'PluginNote',
	tableName: 'foyer_plugin_notes',
	properties: {
		plugin: p.string().primary(),
		guildId: p.type(SnowflakeType).primary(),
		message: p.text(),
		at: p.datetime(),
	},
});

import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../snowflake-type.ts';

/** Whether a plugin is on in a guild, and its settings there (validated by the plugin's schema). */
export const PluginGuildState = defineEntity({
	name: 'PluginGuildState',
	tableName: 'foyer_plugin_guild_state',
	properties: {
		pluginId: p.string().primary(),
		guildId: p.type(SnowflakeType).primary(),
		enabled: p.boolean().nullable(),
		settings: p.json<Record<string, unknown>>().nullable(),
		updatedAt: p
			.datetime()
			.onCreate(() => new Date())
			.onUpdate(() => new Date()),
	},
});

import type { PluginMigration } from '../plugins/manifest.ts';

export interface CountersFromTableOptions {
	/** The plugin the counters belong to. */
	plugin: string;
	/** The plugin's former per-guild stats table (one row per guild, a `guild_id` column). */
	table: string;
	/** Counter name -> column of that table. */
	counters: Record<string, string>;
	/** Columns holding the guild's last problem and its time, kept as the plugin's note. */
	note?: { message: string; at: string };
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * A migration that moves a plugin's own stats table into the core counters (and notes), for plugins
 * that counted on their own before the core had one counters mechanism. Adds to what is already
 * counted; does nothing when the old table is not there (a fresh install). The old table is kept.
 */
export function countersFromTable(options: CountersFromTableOptions): PluginMigration {
	const columns = [
		...Object.values(options.counters),
		...(options.note ? [options.note.message, options.note.at] : []),
	];
	for (const name of [options.table, ...columns])
		if (!IDENT.test(name)) throw new Error(`countersFromTable: "${name}" is not a plain SQL identifier`);
	return {
		name: `counters-from-${options.table}`,
		async up(ctx) {
			const exists =
				ctx.dialect === 'sqlite'
					? ((await ctx.execute("select 1 from sqlite_master where type = 'table' and name = ?", [
							options.table,
						])) as unknown[])
					: ((await ctx.execute(
							'select 1 from information_schema.tables where table_name = ? and table_schema = current_schema()',
							[options.table],
						)) as unknown[]);
			if (exists.length === 0) return;
			for (const [name, column] of Object.entries(options.counters))
				await ctx.execute(
					`insert into foyer_plugin_counters (plugin, guild_id, name, value) select ?, guild_id, ?, ${column} from ${options.table} where ${column} > 0 on conflict (plugin, guild_id, name) do update set value = foyer_plugin_counters.value + excluded.value`,
					[options.plugin, name],
				);
			if (options.note)
				await ctx.execute(
					`insert into foyer_plugin_notes (plugin, guild_id, message, at) select ?, guild_id, ${options.note.message}, ${options.note.at} from ${options.table} where ${options.note.message} is not null on conflict (plugin, guild_id) do nothing`,
					[options.plugin],
				);
		},
	};
}

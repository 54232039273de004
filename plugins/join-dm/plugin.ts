import { countersFromTable, definePlugin } from 'foyer';
import { joinDmOverview } from './_overview.ts';
import { JoinDmClosed } from './entities/join-dm-closed.ts';

export default definePlugin({
	id: 'join-dm',
	name: 'Join DM',
	version: '0.3.0',
	description: 'Sends new members a direct message.',
	entities: [JoinDmClosed],
	// 0.2 counted in its own table; the core's counters hold the figures now.
	migrations: [
		countersFromTable({ plugin: 'join-dm', table: 'join_dm_stats', counters: { sent: 'sent', failed: 'failed' } }),
	],
	settings: {
		template: {
			type: 'string',
			label: 'Message',
			help: 'Placeholders such as %member_name%, %guild_name% and %server_rules% are filled in.',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 2000,
			default: 'Hi %member_name%! Welcome to %guild_name%. Please read %server_rules%.',
			localizedDefaults: { 'es-ES': '¡Hola %member_name%! Bienvenido a %guild_name%. Lee las reglas: %server_rules%.' },
		},
	},
	navigation: [{ label: 'Join DM', path: '' }],
	overview: joinDmOverview,
});

import { countersFromTable, definePlugin, z } from 'foyer';
import { autorolesOverview } from './_overview.ts';
import { AutorolesRule } from './entities/autoroles-rule.ts';

export default definePlugin({
	id: 'autoroles',
	name: 'Auto roles',
	version: '0.2.0',
	description: 'Gives new members roles when they join, at once or after a delay.',
	entities: [AutorolesRule],
	// 0.1 counted in its own table; the core's counters and notes hold the figures now.
	migrations: [
		countersFromTable({
			plugin: 'autoroles',
			table: 'autoroles_stats',
			counters: { assigned: 'assigned', failed: 'failed' },
			note: { message: 'last_error', at: 'last_error_at' },
		}),
	],
	tasks: {
		/** The delayed rules of one member and one delay, given together in their configured order. */
		assign: z.object({
			guildId: z.string(),
			userId: z.string(),
			/** The join this assignment belongs to: a member who left and came back has a newer one. */
			joinedAt: z.number().nullable(),
			delaySeconds: z.number().int().positive(),
			roleIds: z.array(z.string()),
		}),
	},
	navigation: [{ label: 'Auto roles', path: '' }],
	overview: autorolesOverview,
});

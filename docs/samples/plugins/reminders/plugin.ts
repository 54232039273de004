import { definePlugin, z } from 'foyer';

export default definePlugin({
	id: 'reminders',
	name: 'Reminders',
	version: '1.0.0',
	description: 'Members ask for a reminder with /remind; it comes in the same channel when it is due.',
	// #region settings
	settings: {
		maxMinutes: {
			type: 'integer',
			label: 'Longest delay (minutes)',
			help: 'Members cannot ask for a reminder further away than this.',
			min: 1,
			max: 10_080,
			default: 1_440,
		},
		quiet: { type: 'boolean', label: 'Answer only the member who asked', default: true },
	},
	// #endregion settings
	// #region tasks
	tasks: {
		/** One reminder: where to post it, for whom, and what it says. */
		remind: z.object({ channelId: z.string(), userId: z.string(), text: z.string().min(1).max(500) }),
	},
	// #endregion tasks
	navigation: [{ label: 'Reminders', path: '' }],
});

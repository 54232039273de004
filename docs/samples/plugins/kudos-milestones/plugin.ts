import { definePlugin } from 'foyer';

export default definePlugin({
	id: 'kudos-milestones',
	name: 'Kudos milestones',
	version: '1.0.0',
	description: 'Celebrates every fifth kudos a member receives.',
	// Optional: this plugin loads without kudos, and its command says so while kudos is away.
	dependsOn: [{ id: 'kudos', optional: true }],
	settings: { every: { type: 'integer', label: 'Celebrate every', min: 2, max: 100, default: 5 } },
});

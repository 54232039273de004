import { definePlugin } from 'foyer';
import { autorolesOverview } from './_overview.ts';
import { AutorolesRule } from './entities/autoroles-rule.ts';
import { AutorolesStats } from './entities/autoroles-stats.ts';

export default definePlugin({
	id: 'autoroles',
	name: 'Auto roles',
	version: '0.1.0',
	description: 'Gives new members roles when they join, at once or after a delay.',
	entities: [AutorolesRule, AutorolesStats],
	navigation: [{ label: 'Auto roles', path: '' }],
	overview: autorolesOverview,
});

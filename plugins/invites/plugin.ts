import { definePlugin } from 'foyer';

// The attribution engine, records, fraud rules, ranks, commands and pages are being built
// (issue 12); this manifest publishes the plugin's contract (api.ts) meanwhile.
export default definePlugin({
	id: 'invites',
	name: 'Invite tracking',
	version: '0.0.1',
	description: 'Tracks who invited each member, with fraud rules and invite ranks.',
	provides: { events: ['joinCounted', 'joinUncounted'] },
	enabledByDefault: false,
});

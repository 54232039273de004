import { definePlugin } from 'foyer';

export default definePlugin({
	id: 'kudos',
	name: 'Kudos',
	version: '1.0.0',
	description: 'Members thank each other with /kudos; other plugins read the totals and hear each kudos.',
	// The service is built when the plugin loads and again after each reload.
	provides: { service: () => import('./service.ts').then((m) => m.service), events: ['given'] },
});

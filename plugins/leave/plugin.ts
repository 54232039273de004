import { definePlugin } from 'foyer';
import { leaveOverview } from './_overview.ts';

// A combined message must say who it is about: without one of these it would name nobody.
const LISTS_MEMBERS = /%members%|%member_names%/;

export default definePlugin({
	id: 'leave',
	name: 'Leave messages',
	version: '0.2.0',
	description: 'Says goodbye when a member leaves.',
	settings: {
		channel: {
			type: 'channel',
			label: 'Channel',
			help: 'Where goodbye messages go (default: the server’s system channel).',
			default: null,
		},
		template: {
			type: 'string',
			label: 'Message',
			help: 'Placeholders such as %member_name% and %member_count% are filled in.',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 2000,
			default: '%member_name% has left the server. We are now %member_count% members.',
			localizedDefaults: { 'es-ES': '%member_name% ha dejado el servidor. Ahora somos %member_count% miembros.' },
		},
		raidTemplate: {
			type: 'string',
			label: 'Message for many members at once',
			help: 'Sent instead, once per few seconds, when members leave faster than the channel allows. %member_names% names as many as fit and counts the rest.',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 1500,
			pattern: LISTS_MEMBERS,
			default: '%member_names% have left the server. We are now %member_count% members.',
			localizedDefaults: { 'es-ES': '%member_names% han dejado el servidor. Ahora somos %member_count% miembros.' },
		},
	},
	navigation: [{ label: 'Leave messages', path: '' }],
	overview: leaveOverview,
});

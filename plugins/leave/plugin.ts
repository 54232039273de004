import { definePlugin } from 'foyer';

export default definePlugin({
	id: 'leave',
	name: 'Leave messages',
	version: '0.1.0',
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
			minLength: 1,
			maxLength: 2000,
			default: '%member_name% has left the server. We are now %member_count% members.',
		},
	},
	navigation: [{ label: 'Leave messages', path: '' }],
});

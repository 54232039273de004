import { definePlugin } from 'foyer';

export default definePlugin({
	id: 'join',
	name: 'Join messages',
	version: '0.1.0',
	description: 'Welcomes new members in a channel with a message template.',
	settings: {
		channel: {
			type: 'channel',
			label: 'Channel',
			help: 'Where welcome messages go (default: the server’s system channel).',
			default: null,
		},
		template: {
			type: 'string',
			label: 'Message',
			help: 'Placeholders such as %member_mention%, %guild_name% and %member_count% are filled in.',
			multiline: true,
			minLength: 1,
			maxLength: 2000,
			default: 'Welcome %member_mention% to **%guild_name%**! We are now %member_count% members.',
		},
	},
	navigation: [{ label: 'Join messages', path: '' }],
});

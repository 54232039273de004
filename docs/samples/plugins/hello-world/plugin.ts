import { definePlugin } from 'foyer';

export default definePlugin({
	id: 'hello-world',
	name: 'Hello world',
	version: '0.1.0',
	description: 'Greets members who run /hello-world and counts who joins.',
	settings: {
		greeting: {
			type: 'string',
			label: 'Greeting',
			help: 'What /hello-world says before the member’s name.',
			minLength: 1,
			maxLength: 100,
			default: 'Hello',
		},
	},
	navigation: [{ label: 'Hello world', path: '' }],
});

import { definePlugin } from 'foyer';
import { Suggestion } from './entities/suggestion.ts';

/**
 * A suggestion box: members post ideas with /suggest, everyone votes with 👍 and 👎 under the post,
 * and the server's admins approve or decline them from the dashboard. An example of a plugin kept
 * outside Foyer's plugins/ folder, loaded from a path or an npm package (FOYER_PLUGINS).
 */
export default definePlugin({
	id: 'suggestions',
	name: 'Suggestion box',
	version: '0.1.0',
	description: 'Members suggest ideas with /suggest and vote on them; admins approve or decline them.',
	entities: [Suggestion],
	settings: {
		channel: {
			type: 'channel',
			label: 'Channel',
			help: 'Where suggestions are posted for votes (default: the server’s system channel).',
			default: null,
		},
	},
	navigation: [{ label: 'Suggestions', path: '' }],
});

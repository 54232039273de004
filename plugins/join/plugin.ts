import { definePlugin } from 'foyer';
import { joinOverview } from './_overview.ts';

// A combined message must say who it is about: without one of these it would welcome nobody.
const LISTS_MEMBERS = /%members%|%member_names%/;

export default definePlugin({
	id: 'join',
	name: 'Join messages',
	version: '0.2.0',
	description: 'Welcomes new members in a channel with a message template and an optional embed.',
	// With verification loaded, a welcome may wait until the member passed its gate.
	dependsOn: [{ id: 'verification', optional: true }],
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
			template: true,
			minLength: 1,
			maxLength: 2000,
			default: 'Welcome %member_mention% to **%guild_name%**! We are now %member_count% members.',
			localizedDefaults: {
				'es-ES': '¡Bienvenido %member_mention% a **%guild_name%**! Ahora somos %member_count% miembros.',
			},
		},
		raidTemplate: {
			type: 'string',
			label: 'Message for many members at once',
			help: 'Sent instead, once per few seconds, when members join faster than the channel allows. %members% mentions as many as fit and counts the rest.',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 1500,
			pattern: LISTS_MEMBERS,
			default: 'Welcome %members% to **%guild_name%**! We are now %member_count% members.',
			localizedDefaults: { 'es-ES': '¡Bienvenidos %members% a **%guild_name%**! Ahora somos %member_count% miembros.' },
		},
		welcomeOffline: {
			type: 'boolean',
			label: 'Welcome members who joined while Foyer was offline',
			help: 'Found when Foyer starts again; their welcome comes late, so it is off by default.',
			default: false,
		},
		embed: { type: 'boolean', label: 'Add an embed', default: false },
		embedTitle: {
			type: 'string',
			label: 'Embed title',
			help: 'Placeholders work here too.',
			template: true,
			preview: 'embed-title',
			maxLength: 256,
			default: 'Welcome to %guild_name%!',
			localizedDefaults: { 'es-ES': '¡Bienvenido a %guild_name%!' },
		},
		embedDescription: {
			type: 'string',
			label: 'Embed description',
			multiline: true,
			template: true,
			preview: 'embed-description',
			maxLength: 2000,
			default: '',
		},
		embedColor: { type: 'color', label: 'Embed colour', default: null },
		embedImageUrl: {
			type: 'string',
			label: 'Embed image URL',
			help: 'An http(s) link to an image shown under the text.',
			maxLength: 1000,
			pattern: /^(https?:\/\/\S+)?$/,
			default: '',
		},
		embedThumbnail: { type: 'boolean', label: 'Show the member’s avatar', default: true },
		waitForVerification: {
			type: 'boolean',
			label: 'Wait for verification',
			help: 'With the verification plugin on in this server, welcome members once they are verified, not when they join.',
			default: false,
		},
	},
	navigation: [{ label: 'Join messages', path: '' }],
	overview: joinOverview,
});

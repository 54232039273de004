import { definePlugin, z } from 'foyer';
import { verificationOverview } from './_overview.ts';
import { VerificationChallenge } from './entities/challenge.ts';
import { VerificationGateMessage } from './entities/gate-message.ts';
import { VerificationLockdown } from './entities/lockdown.ts';
import { VerificationLogEntry } from './entities/log-entry.ts';
import { VerificationWaiting } from './entities/waiting-member.ts';

// The gate message is one message for everyone: a member placeholder there would name nobody.
const NO_MEMBER_PLACEHOLDERS = /^(?![\s\S]*%(?:member_[a-z]+|inviter|inviter_mention|invite_count)%)[\s\S]*$/;
// A combined welcome must say who it is about: without one of these it would welcome nobody.
const LISTS_MEMBERS = /%members%|%member_names%/;
// Standard emojis only: Discord refuses a custom emoji of another server, and the seed's is ✅.
const EMOJI =
	/^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3|[#*0-9])+$/u;

export default definePlugin({
	id: 'verification',
	name: 'Verification',
	version: '1.0.0',
	description:
		'Gates new members until they verify (button, reaction or captcha), removes those who do not in time, and locks the server down during raids.',
	// A gate that removes members must be an admin's decision, with roles chosen for this server.
	enabledByDefault: false,
	entities: [
		VerificationWaiting,
		VerificationChallenge,
		VerificationGateMessage,
		VerificationLogEntry,
		VerificationLockdown,
	],
	provides: {
		service: () => import('./service.ts').then((m) => m.service),
		events: ['verified'],
	},
	settings: {
		mode: {
			type: 'choice',
			label: 'How members verify',
			help: 'button: one press; reaction: react to the message (as in the seed); captcha: type the code shown in an image.',
			choices: ['button', 'reaction', 'captcha'] as const,
			default: 'button',
		},
		channel: {
			type: 'channel',
			label: 'Verification channel',
			help: 'Foyer keeps one verification message here (it posts it again if it is deleted).',
			default: null,
		},
		verifiedRole: {
			type: 'role',
			label: 'Verified role',
			help: 'Given once a member verifies. Leave it empty to only take the unverified role away.',
			assignable: true,
			default: null,
		},
		unverifiedRole: {
			type: 'role',
			label: 'Unverified role',
			help: 'Given on join and taken away on verification. Leave it empty for "verified role only": nothing is given on join.',
			assignable: true,
			default: null,
		},
		message: {
			type: 'string',
			label: 'Verification message',
			help: 'The text of the one message in the verification channel (%guild_name%, %server_rules%, %verification_emoji%).',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 1500,
			pattern: NO_MEMBER_PLACEHOLDERS,
			patternMessage: 'cannot use member placeholders (%member_…%, %inviter…%): it is one message for every member',
			default:
				'Welcome to **%guild_name%**! Please read %server_rules%, then verify below to get access to the server.',
			localizedDefaults: {
				'es-ES': '¡Bienvenido a **%guild_name%**! Lee %server_rules% y verifícate abajo para acceder al servidor.',
			},
		},
		buttonLabel: {
			type: 'string',
			label: 'Button label',
			minLength: 1,
			maxLength: 80,
			default: 'Verify',
			localizedDefaults: { 'es-ES': 'Verificarme' },
		},
		emoji: {
			type: 'string',
			label: 'Verification emoji',
			help: 'The reaction members add in reaction mode, and %verification_emoji% in every template.',
			minLength: 1,
			maxLength: 16,
			pattern: EMOJI,
			patternMessage: 'must be a standard emoji such as ✅ (custom server emojis are not supported)',
			default: '✅',
		},
		welcomeTemplate: {
			type: 'string',
			label: 'Message after verification',
			help: 'Sent when a member has verified (empty: none).',
			multiline: true,
			template: true,
			maxLength: 2000,
			default: 'Welcome %member_mention%, you are verified! Enjoy **%guild_name%**.',
			localizedDefaults: {
				'es-ES': '¡Bienvenido %member_mention%, ya estás verificado! Disfruta de **%guild_name%**.',
			},
		},
		welcomeRaidTemplate: {
			type: 'string',
			label: 'Message after verification, for many members at once',
			help: 'Sent instead, once per few seconds, when members verify faster than the channel allows.',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 1500,
			pattern: LISTS_MEMBERS,
			patternMessage: 'must name the members with %members% or %member_names%',
			default: 'Welcome %members%, you are verified! Enjoy **%guild_name%**.',
			localizedDefaults: { 'es-ES': '¡Bienvenidos %members%, ya están verificados! Disfruten de **%guild_name%**.' },
		},
		welcomeChannel: {
			type: 'channel',
			label: 'Channel for the message after verification',
			help: 'Default: the verification channel.',
			default: null,
		},
		timeoutMinutes: {
			type: 'integer',
			label: 'Minutes to verify',
			help: 'Members who have not verified by then are removed (kicked: they can join again). 0: never.',
			min: 0,
			max: 10_080,
			default: 10,
		},
		skipAccountAgeDays: {
			type: 'integer',
			label: 'Accounts older than this many days skip the gate',
			help: '0: every member verifies.',
			min: 0,
			max: 3_650,
			default: 0,
		},
		skipBypassFlag: {
			type: 'boolean',
			label: 'Members marked "bypasses verification" skip the gate',
			help: 'The Discord member flag a moderator can set on a member.',
			default: true,
		},
		captchaAttempts: {
			type: 'integer',
			label: 'Captcha attempts',
			help: 'Wrong answers allowed before the member is removed.',
			min: 1,
			max: 10,
			default: 3,
		},
		logChannel: {
			type: 'channel',
			label: 'Log channel',
			help: 'Removals (with the reason), verifications by moderators and lockdowns are posted here.',
			default: null,
		},
		lockdownJoins: {
			type: 'integer',
			label: 'Lockdown: more joins than',
			help: 'A raid is this many joins within the seconds below. 0: never lock down by itself.',
			min: 0,
			max: 10_000,
			default: 10,
		},
		lockdownSeconds: { type: 'integer', label: 'Lockdown: within seconds', min: 1, max: 3_600, default: 10 },
		lockdownCaptcha: {
			type: 'boolean',
			label: 'Lockdown: switch the gate to captcha',
			default: true,
		},
		lockdownPauseInvites: {
			type: 'boolean',
			label: 'Lockdown: pause invites',
			help: 'Through Discord’s raid tools (needs Manage Server); Discord allows at most 24 hours.',
			default: false,
		},
		lockdownPauseHours: {
			type: 'integer',
			label: 'Lockdown: pause invites for hours',
			min: 1,
			max: 24,
			default: 2,
		},
		lockdownAlertChannel: {
			type: 'channel',
			label: 'Lockdown: alert channel',
			help: 'Default: the log channel.',
			default: null,
		},
		lockdownQuietMinutes: {
			type: 'integer',
			label: 'Lockdown: lift after quiet minutes',
			help: 'An automatic lockdown ends once no member joined for this long.',
			min: 1,
			max: 1_440,
			default: 10,
		},
	},
	tasks: {
		/** Removes a member who has not verified by their deadline (the job's key is per member). */
		kick: z.object({
			guildId: z.string(),
			userId: z.string(),
			/** The join this deadline belongs to: a member who left and came back has a newer one. */
			joinedAt: z.number(),
		}),
		/** Ends an automatic lockdown once the server has been quiet long enough. */
		lift: z.object({
			guildId: z.string(),
			/** The lockdown it belongs to: a job of an earlier lockdown does nothing. */
			since: z.number(),
		}),
	},
	navigation: [{ label: 'Verification', path: '' }],
	overview: verificationOverview,
});

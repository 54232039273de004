import { definePlugin, z } from 'foyer';
import { InviteBlacklist } from './entities/invite-blacklist.ts';
import { InviteCheckpoint } from './entities/invite-checkpoint.ts';
import { InviteImport } from './entities/invite-import.ts';
import { InviteJoin } from './entities/invite-join.ts';
import { InvitePersonal } from './entities/invite-personal.ts';
import { InviteRank } from './entities/invite-rank.ts';
import { InviterCountsRow } from './entities/inviter-counts.ts';

/** Shown once, when an admin turns invite ranks on (issue 12: anything that rewards inviting). */
const RANKS_POLICY =
	'Rewarding members for invites can conflict with Discord’s policies against artificially inflating membership (Developer Policy; platform manipulation). Keep rewards modest and keep the fraud rules on.';

export default definePlugin({
	id: 'invites',
	name: 'Invite tracking',
	version: '0.1.0',
	description: 'Tracks who invited each member (never guessing), with fraud rules, invite ranks and /invite commands.',
	provides: {
		service: () => import('./service.ts').then((m) => m.service),
		events: ['joinCounted', 'joinUncounted'],
	},
	entities: [InviteJoin, InviterCountsRow, InviteCheckpoint, InviteBlacklist, InviteRank, InviteImport, InvitePersonal],
	settings: {
		selfInvite: {
			type: 'boolean',
			label: 'Fake: joined through their own invite',
			default: true,
		},
		minAccountAgeDays: {
			type: 'integer',
			label: 'Fake: account younger than (days)',
			help: '0 turns the rule off. Seed default 7 (some bots use 3).',
			min: 0,
			max: 365,
			default: 7,
		},
		noAvatar: { type: 'boolean', label: 'Fake: account without an avatar', default: false },
		rejoinMinutes: {
			type: 'integer',
			label: 'Fake: rejoined within (minutes) of leaving',
			help: '0 turns the rule off.',
			min: 0,
			max: 10_080,
			default: 5,
		},
		burstJoins: {
			type: 'integer',
			label: 'Fake: the inviter already had this many joins…',
			help: '…within the minutes below. 0 turns the rule off.',
			min: 0,
			max: 1_000,
			default: 5,
		},
		burstMinutes: { type: 'integer', label: '…within (minutes)', min: 1, max: 10_080, default: 60 },
		blacklist: {
			type: 'boolean',
			label: 'Fake: blacklisted member or inviter',
			help: 'The blacklist is on the dashboard’s Blacklist page.',
			default: true,
		},
		countRejoins: {
			type: 'boolean',
			label: 'Count a member’s rejoin again',
			help: 'Off: a member’s first counted join stays the only one that counts.',
			default: false,
		},
		ranks: {
			type: 'boolean',
			label: 'Give invite rank roles',
			help: 'Off by default. Roles at effective-invite thresholds (/invite rank add).',
			caveat: RANKS_POLICY,
			default: false,
		},
		rankMode: {
			type: 'choice',
			label: 'Rank roles',
			help: 'stack: every rank reached; highest: only the highest rank’s role.',
			choices: ['stack', 'highest'] as const,
			default: 'stack',
		},
	},
	tasks: {
		/** Brings every member's rank roles in line with their effective invites (the repair action). */
		'rank-sync': z.object({ guildId: z.string() }),
	},
	navigation: [
		{ label: 'Invite tracking', path: '' },
		{ label: 'Invite statistics', path: 'stats' },
	],
	// Tracking only records; ranks (rewards) stay off until an admin turns them on.
	enabledByDefault: true,
});

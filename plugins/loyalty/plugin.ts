import { definePlugin, z } from 'foyer';
import { LoyaltyBalance } from './entities/loyalty-balance.ts';
import { LoyaltyEntry } from './entities/loyalty-entry.ts';
import { LoyaltyGuild } from './entities/loyalty-guild.ts';
import { LoyaltyOrder } from './entities/loyalty-order.ts';
import { LoyaltyTier } from './entities/loyalty-tier.ts';

/** Shown once, when an admin turns invite points on (issue 12's wording for anything that rewards invites). */
const INVITE_POLICY =
	'Rewarding members for invites can conflict with Discord’s policies against artificially inflating membership (Developer Policy; platform manipulation). Keep the reward modest and let invite tracking’s fraud rules decide what counts.';

export default definePlugin({
	id: 'loyalty',
	name: 'Loyalty',
	version: '0.1.0',
	description:
		'Points for purchases (signed shop webhooks) and, if you choose, for valid invites; VIP tiers with roles.',
	// Invite points come from the invites plugin's events; without it, purchases and adjustments still work.
	dependsOn: [{ id: 'invites', optional: true }],
	entities: [LoyaltyEntry, LoyaltyBalance, LoyaltyOrder, LoyaltyTier, LoyaltyGuild],
	settings: {
		invitePoints: {
			type: 'boolean',
			label: 'Give points for valid invites',
			help: 'Off by default. Needs the invite tracking plugin: its inviter gets points for each join it counts as valid.',
			caveat: INVITE_POLICY,
			default: false,
		},
		pointsPerInvite: { type: 'integer', label: 'Points per valid invite', min: 0, max: 10_000, default: 10 },
		revokeDays: {
			type: 'integer',
			label: 'Take invite points back when the member leaves within (days)',
			help: '0: leaving never takes them back. Joins later found fake or removed by an admin while the member is still in the server always do.',
			min: 0,
			max: 365,
			default: 7,
		},
		currency: {
			type: 'string',
			label: 'Shop currency',
			help: 'Three-letter code (USD, EUR...). Purchases in another currency are refused, not converted.',
			minLength: 3,
			maxLength: 3,
			pattern: /^[A-Z]{3}$/,
			default: 'USD',
		},
		pointsPerUnit: {
			type: 'integer',
			label: 'Points per currency unit',
			help: 'Points per whole unit spent, rounded down: 49.99 at 1 point per unit gives 49.',
			min: 0,
			max: 1_000,
			default: 1,
		},
		roleMode: {
			type: 'choice',
			label: 'Tier roles',
			help: 'stack: a member keeps the role of every tier reached; highest: only the highest tier’s role.',
			choices: ['stack', 'highest'] as const,
			default: 'stack',
		},
		congratulate: { type: 'boolean', label: 'DM members who reach a higher tier', default: true },
		congratulation: {
			type: 'string',
			label: 'Congratulation DM',
			help: '%tier% is the tier reached and %points% the member’s points; the usual placeholders work too.',
			multiline: true,
			template: true,
			minLength: 1,
			maxLength: 1500,
			default: '🎉 Congratulations %member_name%! You reached **%tier%** on %guild_name% with %points% points.',
			localizedDefaults: {
				'es-ES': '🎉 ¡Felicidades, %member_name%! Alcanzaste **%tier%** en %guild_name% con %points% puntos.',
			},
		},
	},
	tasks: {
		/** Brings tier roles (and congratulation DMs) of a guild's members in line with their points. */
		resync: z.object({ guildId: z.string() }),
	},
	navigation: [{ label: 'Loyalty', path: '' }],
});

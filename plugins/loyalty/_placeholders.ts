import { memberText } from 'foyer';
import { balanceOf } from './_balances.ts';
import { tierFor } from './_tier-input.ts';
import { listTiers } from './_tiers.ts';
import plugin from './plugin.ts';

interface LoyaltyContext {
	points: number;
	tier: string | null;
}

const loyaltyOf = (extra: Record<string, unknown> | undefined) => extra?.loyalty as LoyaltyContext | undefined;

// A member's points and tier for %points% and %tier%, in every template (welcomes, DMs, this plugin's own).
plugin.templateContext(async (member) => {
	if (!plugin.enabledIn(member.guild.id)) return null;
	const points = (await balanceOf(member.guild.id, member.id))?.points ?? 0;
	const tier = tierFor(await listTiers(member.guild.id), points);
	return { extra: { loyalty: { points, tier: tier?.name ?? null } satisfies LoyaltyContext } };
});

plugin.placeholders({
	points: {
		description: "The member's loyalty points",
		example: '120',
		render: (ctx) => (loyaltyOf(ctx.extra)?.points ?? 0).toLocaleString('en-US'),
	},
	tier: {
		description: "The member's loyalty tier",
		example: 'VIP Tier 1',
		render: (ctx) => memberText(loyaltyOf(ctx.extra)?.tier ?? 'no tier yet'),
	},
});

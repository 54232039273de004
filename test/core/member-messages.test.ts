import { describe, expect, it } from 'vitest';
import { ChannelBudget } from '../../src/core/messaging/channel-budget.ts';
import { renderCombined } from '../../src/core/messaging/combined-message.ts';
import { largestFitting, listMembers } from '../../src/core/messaging/member-list.ts';
import { registerMemberListPlaceholders } from '../../src/core/messaging/member-list-placeholders.ts';
import { type TemplateContext, TemplateEngine } from '../../src/core/templates/template-engine.ts';

const base: TemplateContext = {
	member: { id: '111111111111111111', username: 'last', displayName: 'Last' },
	guild: { id: '222222222222222222', name: 'My Server', memberCount: 1500 },
};
const members = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: String(100000000000000000n + BigInt(i)), name: `m${i}` }));
const engine = () => {
	const e = new TemplateEngine();
	registerMemberListPlaceholders(e);
	return e;
};

describe('combined member messages', () => {
	it('words a member list in plain English, naming some and counting the rest', () => {
		expect(listMembers(['@a'], 0)).toBe('@a');
		expect(listMembers(['@a', '@b'], 0)).toBe('@a and @b');
		expect(listMembers(['@a', '@b', '@c'], 0)).toBe('@a, @b and @c');
		expect(listMembers(['@a', '@b'], 1)).toBe('@a, @b and 1 other');
		expect(listMembers(['@a', '@b'], 12)).toBe('@a, @b and 12 others');
		expect(listMembers([], 1200)).toBe('1,200 members');
	});

	it('finds the largest list that fits even where the length is not monotonic', () => {
		expect(largestFitting(1000, (k) => k <= 37)).toBe(37);
		expect(largestFitting(10, () => false)).toBe(0);
		expect(largestFitting(5, () => true)).toBe(5);
	});

	it('mentions as many members as fit in 2,000 characters, counts the rest, and pings only those mentioned', () => {
		const all = members(500);
		const { rendered, listed } = renderCombined(engine(), 'Welcome %members% to **%guild_name%**!', base, all);
		expect(rendered.content.length).toBeLessThanOrEqual(2000);
		expect(listed).toBeGreaterThan(50);
		expect(rendered.content).toMatch(new RegExp(`and ${500 - listed} others to \\*\\*My Server\\*\\*!$`));
		const mentioned = [...rendered.content.matchAll(/<@(\d+)>/g)].map((m) => m[1]);
		expect(mentioned).toEqual(all.slice(0, listed).map((m) => m.id));
		expect(rendered.allowedMentions).toEqual({ parse: [], users: mentioned, roles: [] });
	});

	it('never puts more than 100 users in allowed_mentions, whatever the length allows', () => {
		const { rendered, listed } = renderCombined(engine(), '%members%', base, members(300), {
			maxChars: 100_000,
			maxUsers: 100,
		});
		expect(listed).toBe(100);
		expect(rendered.allowedMentions.users).toHaveLength(100);
		expect(rendered.content.endsWith('and 200 others')).toBe(true);
	});

	it('names members with %member_names% without pinging anyone, their names made inert', () => {
		const list = [
			{ id: '100000000000000001', name: '@everyone' },
			{ id: '100000000000000002', name: '**Bea**' },
		];
		const { rendered } = renderCombined(engine(), '%member_names% have left', base, list);
		expect(rendered.content).toBe('@\u200beveryone and \\*\\*Bea\\*\\* have left');
		expect(rendered.allowedMentions.users).toEqual([]);
	});

	it('renders %members% and %member_names% as the one member in an ordinary message', () => {
		expect(engine().render('%members% / %member_names%', base).content).toBe('<@111111111111111111> / Last');
	});

	it('keeps a channel inside 5 sends per 5 s and says when the next one fits', () => {
		const budget = new ChannelBudget(5, 5000, 250);
		for (let t = 0; t < 5; t++) {
			expect(budget.hasRoom(t * 100)).toBe(true);
			budget.take(t * 100);
		}
		expect(budget.hasRoom(1000)).toBe(false);
		expect(budget.nextFreeAt(1000)).toBe(5250);
		expect(budget.hasRoom(5250)).toBe(true);
		expect(budget.idle(5250 + 400)).toBe(true);
	});
});

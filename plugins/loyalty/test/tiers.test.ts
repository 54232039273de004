import { type DashboardClient, describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf } from '../_balances.ts';
import { readTiers } from '../_tiers.ts';
import plugin from '../plugin.ts';
import { createRole, deliver, newSecret, order, startLoyalty } from './_harness.ts';

/** Tiers: upgrade and downgrade with their roles (stack or highest), DMs on upgrade only, checks before saving. */
describeOnBackends('tiers and their roles', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let secret: string;
	const roles: string[] = [];
	let n = 0;
	const buy = (user: string, amount: string) =>
		deliver(h, order({ order_id: `T-${++n}`, user_id: user, amount }), { secret });
	const refund = (user: string, orderId: string, amount: string) =>
		deliver(h, order({ type: 'refund', order_id: orderId, user_id: user, amount }), { secret });
	const tierRoles = async (user: string) => ((await h.rolesOf(user)) ?? []).filter((r) => roles.includes(r));
	const points = async (user: string) => (await balanceOf(h.guildId, user))?.points ?? 0;
	const editTier = async (name: string, fields: Record<string, string>) => {
		const tier = (await readTiers(h.guildId)).find((t) => t.name === name);
		return admin.form(`/loyalty/${h.guildId}/tiers/update`, {
			tier: String(tier?.id),
			name,
			threshold: String(tier?.threshold),
			role: tier?.roleId ?? '',
			benefits: tier?.benefits ?? '',
			...fields,
		});
	};
	/** Waits until the member's tier roles are `expected` and no resync is left for them. */
	const settled = async (user: string, expected: string[]) => {
		await h.waitFor(
			async () => {
				const now = await tierRoles(user);
				return now.length === expected.length && expected.every((r) => now.includes(r));
			},
			`tier roles ${expected.join(',') || 'none'}`,
			15_000,
		);
	};

	beforeAll(async () => {
		h = await startLoyalty(backend, { invites: false });
		secret = await newSecret(h);
		admin = await h.dashboard();
		await admin.page(`/loyalty/${h.guildId}`);
		for (const [i, name] of ['VIP Tier 1', 'VIP Tier 2', 'VIP Tier 3'].entries()) {
			roles.push(await createRole(h, `Gold ${i + 1}`));
			expect((await editTier(name, { role: roles[i] as string })).status).toBe(303);
		}
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives the tier role on reaching it and takes it back when a refund drops the member below (downgrade, no DM)', async () => {
		const user = await h.join({ username: 'refunder', globalName: 'Refunder' });
		const bought = await buy(user, '120.00');
		expect(bought.json?.points).toBe(120);
		await settled(user, [roles[0] as string]);
		await h.waitFor(async () => (await h.dms(user)).length === 1, 'the congratulation DM');
		expect((await h.dms(user))[0]?.content).toContain('**VIP Tier 1**');
		const back = await refund(user, String(bought.json?.order_id), '120.00');
		expect(back.json).toMatchObject({ type: 'refund', points: -120 });
		expect(await points(user)).toBe(0);
		await settled(user, []);
		await new Promise((r) => setTimeout(r, 200));
		expect(await h.dms(user)).toHaveLength(1);
		expect((await h.command(user, 'points view')).content).toContain('**0** points, no tier yet');
	});

	it('a partial refund takes back its share and may keep the tier', async () => {
		const user = await h.join('partial');
		const bought = await buy(user, '250.00');
		await settled(user, [roles[0] as string, roles[1] as string]);
		const back = await refund(user, String(bought.json?.order_id), '100.00');
		expect(back.json?.points).toBe(-100);
		await settled(user, [roles[0] as string]);
		// One DM, for the tier reached (2), none for the way down.
		expect((await h.dms(user)).map((m) => m.content.match(/\*\*(VIP Tier \d)\*\*/)?.[1])).toEqual(['VIP Tier 2']);
	});

	it('stack mode keeps every reached tier’s role; highest mode only the highest, and switching resyncs members', async () => {
		const user = await h.join('stacker');
		await buy(user, '330.00');
		await settled(user, roles);
		expect((await plugin.updateSettings(h.guildId, { roleMode: 'highest' })).ok).toBe(true);
		await settled(user, [roles[2] as string]);
		const climber = await h.join('climber');
		await buy(climber, '150.00');
		await settled(climber, [roles[0] as string]);
		await buy(climber, '60.00');
		await settled(climber, [roles[1] as string]);
		expect((await plugin.updateSettings(h.guildId, { roleMode: 'stack' })).ok).toBe(true);
		await settled(user, roles);
		await settled(climber, [roles[0] as string, roles[1] as string]);
	});

	it('moving a threshold moves members between tiers silently (no DM for an admin’s edit)', async () => {
		const user = await h.join('edge');
		await buy(user, '90.00');
		await new Promise((r) => setTimeout(r, 150));
		expect(await tierRoles(user)).toEqual([]);
		expect((await editTier('VIP Tier 1', { threshold: '80' })).status).toBe(303);
		await settled(user, [roles[0] as string]);
		expect((await editTier('VIP Tier 1', { threshold: '100' })).status).toBe(303);
		await settled(user, []);
		expect(await h.dms(user)).toEqual([]);
	});

	it('refuses, beside the field, a role Foyer cannot give, a role another tier has, a clashing threshold or name; saves nothing', async () => {
		const high = await createRole(h, 'Above Foyer');
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${high}`, { position: 200 });
		await h.waitFor(() => {
			const guild = h.foyer.client.guilds.cache.get(h.guildId);
			const role = guild?.roles.cache.get(high);
			return !!role && role.position > (guild?.members.me?.roles.highest.position ?? 0);
		}, 'the role above Foyer');
		const before = await readTiers(h.guildId);
		const cases: [Record<string, string>, string][] = [
			[{ role: high }, "above Foyer's highest role"],
			[{ role: roles[1] as string }, 'already gives'],
			[{ threshold: '200' }, 'already reached at 200 points'],
			[{ name: 'vip tier 2' }, 'already a tier named VIP Tier 2'],
			[{ threshold: 'ten' }, 'whole number of points'],
			[{ name: '' }, '1 to 50 characters'],
		];
		for (const [fields, text] of cases) {
			const answer = await editTier('VIP Tier 1', fields);
			expect(answer.status, JSON.stringify(fields)).toBe(422);
			const html = await answer.text();
			expect(html).toContain(text.replace(/'/g, '&#39;'));
			expect(html).toContain('class="error"');
		}
		const added = await admin.form(`/loyalty/${h.guildId}/tiers`, {
			name: 'Mega',
			threshold: '300',
			role: '',
			benefits: '',
		});
		expect(added.status).toBe(422);
		expect(await readTiers(h.guildId)).toEqual(before);
	});

	it('adds and removes tiers; a removed tier’s members move to the tier below', async () => {
		const user = await h.join('diamond');
		const diamondRole = await createRole(h, 'Diamond');
		roles.push(diamondRole);
		const added = await admin.form(
			`/loyalty/${h.guildId}/tiers`,
			{ name: 'Diamond <b>', threshold: '1000', role: diamondRole, benefits: 'Everything & more' },
			{ htmx: true },
		);
		expect(added.status).toBe(200);
		const html = await added.text();
		expect(html).toContain('Diamond &lt;b&gt;');
		expect(html).not.toContain('Diamond <b>');
		await buy(user, '1000.00');
		await settled(user, roles);
		const diamond = (await readTiers(h.guildId)).find((t) => t.threshold === 1000);
		const removed = await admin.form(`/loyalty/${h.guildId}/tiers/remove`, { tier: String(diamond?.id) });
		expect(removed.status).toBe(303);
		await settled(user, roles.slice(0, 3));
		expect((await h.dms(user)).length).toBe(1);
	});

	it('counts members whose DMs are closed, without an error, and still gives the role', async () => {
		const user = await h.join({ username: 'closed-dms', dmsOpen: false });
		await buy(user, '100.00');
		await settled(user, [roles[0] as string]);
		await h.waitFor(
			async () => ((await plugin.counters.read(h.guildId)).dmsClosed ?? 0) === 1,
			'the closed DM counted',
		);
		expect(h.logsOf(plugin.id).filter((l) => l.level >= 50)).toEqual([]);
	});

	it('gives a member’s tier roles back when they leave and join again', async () => {
		const user = await h.join('returner');
		await buy(user, '210.00');
		await settled(user, [roles[0] as string, roles[1] as string]);
		await h.leave(user);
		await h.join({ userId: user });
		await settled(user, [roles[0] as string, roles[1] as string]);
		expect(await h.dms(user)).toHaveLength(1);
	});
});

import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { deliver, LOYALTY, newSecret, order } from './_harness.ts';

/** %points% and %tier% in every template (here the join plugin's welcome), while loyalty is loaded. */
describeOnBackends('loyalty placeholders', (backend) => {
	let h: TestFoyer;
	const JOIN = new URL('../../join', import.meta.url);
	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [LOYALTY, JOIN], backend });
		const result = await h.foyer.plugins.updateSettings('join', h.guildId, {
			channel: h.channel('welcome'),
			template: 'Welcome back %member_name%: %points% points, %tier%.',
		});
		expect(result.ok).toBe(true);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('fills in a returning member’s points and tier in the welcome message', async () => {
		const secret = await newSecret(h);
		const user = await h.join({ username: 'returning', globalName: 'Ret' });
		// The first welcome is rendered when it is sent: let it go out before the purchase.
		await h.waitFor(async () => (await h.botMessages('welcome')).length === 1, 'the first welcome');
		await deliver(h, order({ order_id: 'P-1', user_id: user, amount: '1234.00' }), { secret });
		await h.leave(user);
		await h.join({ userId: user });
		await h.waitFor(async () => (await h.botMessages('welcome')).length === 2, 'two welcomes');
		const [first, second] = await h.botMessages('welcome');
		expect(first?.content).toBe('Welcome back Ret: 0 points, no tier yet.');
		expect(second?.content).toBe('Welcome back Ret: 1,234 points, VIP Tier 3.');
	});

	it('previews them on the settings form, and leaves them as written once loyalty is unloaded', async () => {
		const admin = await h.dashboard();
		await admin.page(`/loyalty/${h.guildId}`);
		const preview = await (
			await admin.page(
				`/guilds/${h.guildId}/template-preview?field=template&template=${encodeURIComponent('%points% %tier%')}`,
			)
		).text();
		expect(preview).toContain('0 no tier yet');
		expect(preview).not.toContain('Unknown');
		await h.foyer.plugins.unload(plugin.id);
		await h.join('after-unload');
		await h.waitFor(async () => (await h.botMessages('welcome')).length === 3, 'the third welcome');
		expect((await h.botMessages('welcome'))[2]?.content).toBe('Welcome back after-unload: %points% points, %tier%.');
	});
});

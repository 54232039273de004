import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

describeOnBackends('kudos milestones, listening to kudos', (backend) => {
	let h: TestFoyer;
	let giver: string;

	beforeAll(async () => {
		// The provider is loaded by path, beside the plugin under test; their files never import each other.
		const plugins = [new URL('../../kudos', import.meta.url), new URL('..', import.meta.url)];
		h = await startTestFoyer({ plugins, backend });
		giver = await h.join('giver');
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('celebrates the fifth kudos a member receives, once', async () => {
		for (let i = 1; i <= 4; i++)
			expect((await h.command(giver, 'kudos', { member: h.demo.memberId })).content).toBe(
				`Kudos to <@${h.demo.memberId}> (${i} so far)!`,
			);
		const milestone = `<@${h.demo.memberId}> has received 5 kudos!`;
		const milestones = async () => (await h.botMessages('general')).filter((m) => m.content === milestone);
		expect(await milestones()).toEqual([]);
		await h.command(giver, 'kudos', { member: h.demo.memberId });
		await h.waitFor(async () => (await milestones()).length > 0, 'the milestone');
		expect((await milestones())[0]?.pings).toEqual([h.demo.memberId]);
		await h.command(giver, 'kudos', { member: h.demo.memberId });
		expect(await milestones()).toHaveLength(1);
	});

	it('reads the total through the kudos service, and says so while kudos is unloaded', async () => {
		expect((await h.command(giver, 'kudos-total', { member: h.demo.memberId })).content).toBe('demo-member: 6 kudos.');
		await h.foyer.plugins.unload('kudos');
		expect((await h.command(giver, 'kudos-total', { member: h.demo.memberId })).content).toBe(
			'Kudos are not counted right now (the kudos plugin is not loaded).',
		);
	});
});

import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { listRanks } from '../records/index.ts';
import { counts, decidedJoin, eventsAbout, inviter, startInvites } from './_tracking.ts';

/** Invite ranks (seed 000) through the commands, and /invite create's personal invites. */
describeOnBackends('invite ranks and personal invites', (backend) => {
	let h: TestFoyer;
	let r1: string;
	let r2: string;
	const botRole = () => {
		const role = h.foyer.client.guilds.cache.get(h.guildId)?.members.me?.roles.botRole;
		if (!role) throw new Error('Foyer has no role of its own');
		return role;
	};
	const rankRoles = async (id: string) => ((await h.rolesOf(id)) ?? []).filter((r) => r === r1 || r === r2).sort();
	const waitRanks = async (id: string, want: string[]) => {
		await h.waitFor(
			async () => JSON.stringify(await rankRoles(id)) === JSON.stringify([...want].sort()),
			`rank roles ${want.join(',') || 'none'}`,
		);
	};
	beforeAll(async () => {
		h = await startInvites(backend);
		r1 = await h.createRole('Inviter I');
		r2 = await h.createRole('Inviter II');
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('/invite rank add checks the hierarchy before saving, as the dashboard does', async () => {
		const above = await h.createRole('Above Foyer');
		await h.moveRole(above, botRole().rawPosition + 1);
		const high = await h.command(h.demo.ownerId, 'invite rank add', { role: above, invites: 1 });
		expect(high.content).toMatch(/^Not added: Role Above Foyer is above Foyer's highest role Foyer/);
		expect(await listRanks(h.guildId)).toEqual([]);
		const member = await h.command(h.demo.memberId, 'invite rank add', { role: r1, invites: 1 });
		expect(member.content).toBe('You need the Manage Server permission for /invite rank add.');
		const ok = await h.command(h.demo.ownerId, 'invite rank add', { role: r1, invites: 1 });
		expect(ok.content).toBe(
			`Added the rank <@&${r1}> at 1 effective invites. Ranks are off: turn them on in the settings to give the roles.`,
		);
		await h.command(h.demo.ownerId, 'invite rank add', { role: r2, invites: 2 });
		const taken = await h.command(h.demo.ownerId, 'invite rank add', { role: above, invites: 2 });
		expect(taken.content).toMatch(/^Not added: /);
		expect(await listRanks(h.guildId)).toEqual([
			{ roleId: r1, invites: 1 },
			{ roleId: r2, invites: 2 },
		]);
	});

	it('turning ranks on shows the policy caveat once', async () => {
		const admin = await h.dashboard();
		await admin.page(`/invites/${h.guildId}`);
		const path = `/guilds/${h.guildId}/plugins/${plugin.id}/settings`;
		const on = await (await admin.form(path, { ranks: 'on' }, { htmx: true })).text();
		expect(on).toContain('Before you rely on this:');
		expect(on).toContain('artificially inflating membership');
		const again = await (await admin.form(path, { ranks: 'on', rankMode: 'stack' }, { htmx: true })).text();
		expect(again).not.toContain('Before you rely on this:');
		expect(plugin.settings(h.guildId).ranks).toBe(true);
	});

	it('gives the rank roles on reaching each threshold and takes them back on a leave (stack mode)', async () => {
		const p = await inviter(h, 'rk-stack');
		const m1 = await h.join({ username: 'rk-stack-1', invite: p.code });
		await decidedJoin(h, m1);
		await waitRanks(p.id, [r1]);
		const m2 = await h.join({ username: 'rk-stack-2', invite: p.code });
		await decidedJoin(h, m2);
		await waitRanks(p.id, [r1, r2]);
		const view = await h.command(p.id, 'invite ranks');
		expect(view.content).toBe(
			[
				'Invite ranks (every rank reached is given):',
				`<@&${r1}>: 1 effective invites (reached)`,
				`<@&${r2}>: 2 effective invites (reached)`,
				`<@${p.id}> has 2 effective invites.`,
				'Every rank is reached.',
			].join('\n'),
		);
		expect(view.pings).toEqual([]);
		expect(view.pingedRoles).toEqual([]);
		await h.leave(m2);
		await waitRanks(p.id, [r1]);
		expect((await counts(h, p.id)).effective).toBe(1);
		const progress = await h.command(p.id, 'invite ranks');
		expect(progress.content).toContain(`Next: <@&${r2}> at 2 (1 to go).`);
	});

	it('keeps only the highest rank in highest mode, and /invite reset takes every rank role back', async () => {
		expect((await plugin.updateSettings(h.guildId, { rankMode: 'highest' })).ok).toBe(true);
		const p = await inviter(h, 'rk-highest');
		const m1 = await h.join({ username: 'rk-high-1', invite: p.code });
		await decidedJoin(h, m1);
		await waitRanks(p.id, [r1]);
		await h.command(h.demo.ownerId, 'invite add', { user: p.id, invites: 1 });
		await waitRanks(p.id, [r2]);
		await h.command(h.demo.ownerId, 'invite reset', { user: p.id });
		await waitRanks(p.id, []);
		expect((await counts(h, p.id)).effective).toBe(0);
		await plugin.updateSettings(h.guildId, { rankMode: 'stack' });
	});

	it('/invite rank remove stops a role being a rank', async () => {
		expect((await h.command(h.demo.ownerId, 'invite rank remove', { role: r2 })).content).toBe(
			`Removed the rank <@&${r2}>.`,
		);
		expect((await h.command(h.demo.ownerId, 'invite rank remove', { role: r2 })).content).toBe(
			`<@&${r2}> is not an invite rank here.`,
		);
		expect(await listRanks(h.guildId)).toEqual([{ roleId: r1, invites: 1 }]);
	});

	it('a rank added while ranks are on is given at once to the members who already reach it', async () => {
		const p = await inviter(h, 'rk-late');
		await h.command(h.demo.ownerId, 'invite add', { user: p.id, invites: 3 });
		await waitRanks(p.id, [r1]);
		const added = await h.command(h.demo.ownerId, 'invite rank add', { role: r2, invites: 3 });
		expect(added.content).toBe(`Added the rank <@&${r2}> at 3 effective invites. Members' roles are being synced.`);
		await waitRanks(p.id, [r1, r2]);
	});

	it('/invite create gives a member one personal invite, reused, whose joins are credited to them', async () => {
		const x = await h.join({ username: 'pi-owner', invite: 'vanity' });
		await decidedJoin(h, x);
		const first = await h.command(x, 'invite create');
		expect(first.ephemeral).toBe(true);
		const code = /discord\.gg\/([A-Za-z0-9-]+)/.exec(first.content)?.[1] as string;
		expect(first.content).toBe(
			`Your personal invite: https://discord.gg/${code} (never expires). Joins through it are credited to you.`,
		);
		const again = await h.command(x, 'invite create');
		expect(again.content).toBe(
			`Your personal invite: https://discord.gg/${code}. Joins through it are credited to you.`,
		);
		// Discord made Foyer the invite's inviter; Foyer credits the member.
		const invite = await h.foyer.client.fetchInvite(code);
		expect(invite.inviterId).toBe(h.foyer.client.user?.id);
		const y = await h.join({ username: 'pi-invited', invite: code });
		expect(await decidedJoin(h, y)).toMatchObject({ source: 'invite', inviterId: x, code, credit: 'counted' });
		expect(await counts(h, x)).toMatchObject({ tracked: 1, effective: 1 });
		await h.waitFor(async () => eventsAbout(y).length === 1, 'joinCounted for the personal invite');
		expect(eventsAbout(y)[0]).toMatchObject({ event: 'joinCounted', inviterId: x, code });
		expect((await h.command(h.demo.memberId, 'invite inviter', { user: y })).content).toBe(
			`<@${y}> was invited by <@${x}> with \`${code}\`.`,
		);
		expect((await h.command(h.demo.memberId, 'invite codes', { user: x })).content).toBe(
			`Live invites of <@${x}>:\n\`${code}\`: 1 uses (personal)`,
		);
		// Gone (the owner deleted it): the next /invite create makes a new one.
		await h.control.call('DELETE', `/invites/${code}`);
		const renewed = await h.command(x, 'invite create');
		expect(renewed.content).toMatch(/^Your personal invite: https:\/\/discord\.gg\/[A-Za-z0-9-]+ \(never expires\)/);
		expect(renewed.content).not.toContain(code);
	});
});

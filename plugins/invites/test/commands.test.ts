import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { recordPendingJoin, storeDecision } from '../records/joins.ts';
import { transaction } from '../records/sql.ts';
import { advance, counts, decidedJoin, eventsAbout, inviter, MINUTE, startInvites, tracking } from './_tracking.ts';

/** The /invite commands (seed 000's set) through the emulator. */
describeOnBackends('/invite commands', (backend) => {
	let h: TestFoyer;
	let a: { id: string; code: string };
	let b: string;
	const botRole = () => {
		const role = h.foyer.client.guilds.cache.get(h.guildId)?.members.me?.roles.botRole;
		if (!role) throw new Error('Foyer has no role of its own');
		return role;
	};
	beforeAll(async () => {
		h = await startInvites(backend);
		a = await inviter(h, 'cmd-inviter');
		b = await h.join({ username: 'cmd-invited', invite: a.code });
		await decidedJoin(h, b);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('registers /invite with Spanish localizations, usable by every member', async () => {
		const command = await h.registeredCommand('invite');
		expect(command?.name_localizations).toEqual({ 'es-ES': 'invitación' });
		expect((command?.description_localizations as Record<string, string> | undefined)?.['es-ES']).toMatch(
			/^Seguimiento de invitaciones/,
		);
		// Discord's default permissions are per command: the Manage Server subcommands are checked by Foyer.
		expect(command?.default_member_permissions ?? null).toBeNull();
		const names = (command?.options ?? []).map((o) => o.name);
		expect(names).toEqual([
			'view',
			'codes',
			'inviter',
			'leaderboard',
			'ranks',
			'create',
			'add',
			'reset',
			'import',
			'tracking',
			'rank',
		]);
	});

	it('/invite view shows a member’s counts, naming them without a ping', async () => {
		const reply = await h.command(h.demo.memberId, 'invite view', { user: a.id });
		expect(reply.content).toBe(`<@${a.id}>: **1** effective invites (tracked 1, left 0, fake 0, added 0).`);
		expect(reply.pings).toEqual([]);
		const own = await h.command(a.id, 'invite view');
		expect(own.content).toContain(`<@${a.id}>: **1** effective invites`);
	});

	it('/invite codes lists the member’s live invites with their uses', async () => {
		const reply = await h.command(h.demo.memberId, 'invite codes', { user: a.id });
		expect(reply.content).toMatch(
			new RegExp(`^Live invites of <@${a.id}>:\n\`${a.code}\`: 1 uses, expires <t:\\d+:R>$`),
		);
		expect(reply.pings).toEqual([]);
		const none = await h.command(h.demo.memberId, 'invite codes', { user: b });
		expect(none.content).toBe(`<@${b}> has no live invites.`);
	});

	it('/invite inviter names the inviter and the code, or says vanity, unknown or ambiguous plainly', async () => {
		const reply = await h.command(h.demo.memberId, 'invite inviter', { user: b });
		expect(reply.content).toBe(`<@${b}> was invited by <@${a.id}> with \`${a.code}\`.`);
		expect(reply.pings).toEqual([]);
		expect((await h.command(h.demo.memberId, 'invite inviter', { user: a.id })).content).toBe(
			`<@${a.id}> joined through the server's vanity URL: nobody invited them.`,
		);
		const bot = await h.join({ username: 'cmd-bot', bot: true });
		await decidedJoin(h, bot);
		expect((await h.command(h.demo.memberId, 'invite inviter', { user: bot })).content).toBe(
			`Who invited <@${bot}> is unknown (a bot).`,
		);
		// An ambiguous join, as the engine stores it when two codes moved in one window.
		const c = await inviter(h, 'cmd-other');
		const m = await h.join({ username: 'cmd-ambiguous', invite: 'vanity' });
		await decidedJoin(h, m);
		const key = `${m}:${plugin.now() + 1}`;
		await recordPendingJoin({
			guildId: h.guildId,
			memberId: m,
			joinKey: key,
			joinedAt: plugin.now() + 1,
			accountCreatedAt: 0,
			bot: false,
		});
		await transaction((sql) =>
			storeDecision(sql, h.guildId, key, {
				source: 'ambiguous',
				inviterId: null,
				code: null,
				unknownReason: null,
				candidates: [
					{ code: a.code, inviterId: a.id },
					{ code: c.code, inviterId: c.id },
				],
				flags: [],
				credit: 'none',
				creditNote: null,
				inviterWasMember: null,
				offline: false,
				decidedAt: plugin.now(),
			}),
		);
		const amb = await h.command(h.demo.memberId, 'invite inviter', { user: m });
		expect(amb.content).toBe(
			`Who invited <@${m}> is ambiguous: it was one of <@${a.id}> (\`${a.code}\`), <@${c.id}> (\`${c.code}\`). Nobody was credited.`,
		);
		expect(amb.pings).toEqual([]);
	});

	it('/invite leaderboard ranks inviters by effective invites, without pings', async () => {
		const reply = await h.command(h.demo.memberId, 'invite leaderboard');
		expect(reply.content.split('\n')[0]).toBe('Invite leaderboard, page 1 of 1:');
		expect(reply.content).toContain(`1. <@${a.id}>: **1** (tracked 1, left 0, fake 0, added 0)`);
		expect(reply.pings).toEqual([]);
		expect((await h.command(h.demo.memberId, 'invite leaderboard', { page: 5 })).content).toBe(
			'There are only 1 pages.',
		);
		expect(reply.components).toEqual([]);
	});

	it('/invite leaderboard pages with Previous / Next buttons once there are more than 10 inviters', async () => {
		const bonus: string[] = [];
		for (let i = 0; i < 10; i++) {
			const id = await h.join({ username: `cmd-lb-${i}`, invite: 'vanity' });
			await h.command(h.demo.ownerId, 'invite add', { user: id, invites: 20 + i });
			bonus.push(id);
		}
		const first = await h.command(h.demo.memberId, 'invite leaderboard');
		expect(first.content.split('\n')[0]).toMatch(/^Invite leaderboard, page 1 of 2:$/);
		expect(first.content.split('\n')[1]).toBe(`1. <@${bonus[9]}>: **29** (tracked 0, left 0, fake 0, added 29)`);
		type Buttons = { components: { custom_id: string; disabled?: boolean }[] }[];
		const ids = (rows: Buttons) => rows[0]?.components.map((b) => [b.custom_id, b.disabled ?? false]);
		expect(ids(first.components as Buttons)).toEqual([
			['invites-lb:0', true],
			['invites-lb:2', false],
		]);
		const clicked = await h.control.click({
			channel_id: first.channelId,
			message_id: first.id,
			user_id: h.demo.memberId,
			custom_id: 'invites-lb:2',
		});
		const second = clicked.updated_message as { content: string; components: Buttons };
		expect(second.content.split('\n')[0]).toBe('Invite leaderboard, page 2 of 2:');
		expect(second.content).toContain(`11. <@${a.id}>: **1**`);
		expect(ids(second.components)).toEqual([
			['invites-lb:1', false],
			['invites-lb:3', true],
		]);
		expect((await h.message('general', first.id))?.pings).toEqual([]);
		for (const id of bonus) await h.command(h.demo.ownerId, 'invite reset', { user: id });
	});

	it('refuses the Manage Server subcommands to a member, saying why, and changes nothing', async () => {
		for (const [sub, options] of [
			['invite add', { user: a.id, invites: 5 }],
			['invite reset', { user: a.id }],
			['invite import', {}],
			['invite tracking status', {}],
		] as const) {
			const reply = await h.command(h.demo.memberId, sub, options);
			expect(reply.content).toBe(`You need the Manage Server permission for /${sub}.`);
			expect(reply.ephemeral).toBe(true);
		}
		expect(await counts(h, a.id)).toMatchObject({ added: 0, effective: 1 });
	});

	it('/invite add gives or takes bonus invites; 0 and numbers out of range change nothing', async () => {
		const reply = await h.command(h.demo.ownerId, 'invite add', { user: a.id, invites: 4 });
		expect(reply.content).toBe(`<@${a.id}> now has 4 bonus invites (+4): **5** effective.`);
		expect((await h.command(h.demo.ownerId, 'invite add', { user: a.id, invites: -6 })).content).toBe(
			`<@${a.id}> now has -2 bonus invites (-6): **-1** effective.`,
		);
		expect((await h.command(h.demo.ownerId, 'invite add', { user: a.id, invites: 0 })).content).toBe(
			'Nothing changed: the number of invites must not be 0.',
		);
		// Discord itself refuses a value outside the option's range (and a non-integer).
		await expect(h.command(h.demo.ownerId, 'invite add', { user: a.id, invites: 100_001 })).rejects.toThrow();
		await expect(h.command(h.demo.ownerId, 'invite add', { user: a.id, invites: 1.5 })).rejects.toThrow();
		expect(await counts(h, a.id)).toMatchObject({ tracked: 1, added: -2, effective: -1 });
		await h.command(h.demo.ownerId, 'invite add', { user: a.id, invites: 2 });
	});

	it('/invite reset zeroes the counters and takes back each counted join once (joinUncounted removed)', async () => {
		const d = await inviter(h, 'cmd-reset');
		const m1 = await h.join({ username: 'cmd-reset-1', invite: d.code });
		await decidedJoin(h, m1);
		const m2 = await h.join({ username: 'cmd-reset-2', invite: d.code });
		await decidedJoin(h, m2);
		await h.leave(m2);
		await h.waitFor(async () => (await counts(h, d.id)).left === 1, 'the leave counted');
		await h.command(h.demo.ownerId, 'invite add', { user: d.id, invites: 3 });
		expect(await counts(h, d.id)).toMatchObject({ tracked: 2, left: 1, added: 3, effective: 4 });
		const reply = await h.command(h.demo.ownerId, 'invite reset', { user: d.id });
		expect(reply.content).toBe(`Reset <@${d.id}>: their counts are 0 and 1 counted joins no longer count.`);
		expect(reply.ephemeral).toBe(true);
		expect(await counts(h, d.id)).toMatchObject({ tracked: 0, left: 0, fake: 0, added: 0, effective: 0 });
		expect((await decidedJoin(h, m1)).credit).toBe('removed');
		const removed = (id: string) =>
			eventsAbout(id).filter((e) => e.event === 'joinUncounted' && e.reason === 'removed');
		await h.waitFor(async () => removed(m1).length === 1, 'joinUncounted removed');
		expect(removed(m2)).toEqual([]); // it left: taken back when it left
		await h.command(h.demo.ownerId, 'invite reset', { user: d.id });
		expect(removed(m1)).toHaveLength(1);
		expect((await h.command(h.demo.ownerId, 'invite view', { user: d.id })).content).toContain('**0** effective');
	});

	it('/invite import credits the uses invites had before Foyer tracked them, once however often it runs', async () => {
		const e = await inviter(h, 'cmd-import');
		await h.enable(plugin.id, false);
		await h.join({ username: 'cmd-import-1', invite: e.code });
		await h.join({ username: 'cmd-import-2', invite: e.code });
		await h.enable(plugin.id, true);
		await tracking(h);
		// 11 more (unused) invites: the reply shows the progress every 10 invites.
		for (let i = 0; i < 11; i++) await h.createInvite({ inviterId: e.id });
		const since = await h.lastRequestId();
		const reply = await h.command(h.demo.ownerId, 'invite import', { user: e.id });
		await h.waitFor(
			async () => (await h.message('general', reply.id))?.content.startsWith('Imported') ?? false,
			'the import done',
		);
		expect((await h.message('general', reply.id))?.content).toBe(
			'Imported 12 invites: 2 uses credited to 1 inviters; 11 had nothing new to credit.',
		);
		// Deferred, then edited: "Importing…", "10 of 12 invites read", the result.
		const edits = (await h.requests(since)).filter((r) => r.method === 'PATCH' && r.route.startsWith('/webhooks/'));
		expect(edits).toHaveLength(3);
		expect(await counts(h, e.id)).toMatchObject({ tracked: 2, imported: 2, effective: 2 });
		// A join Foyer tracks through the same invite is tracked, not imported again.
		const tracked = await h.join({ username: 'cmd-import-3', invite: e.code });
		await decidedJoin(h, tracked);
		const again = await h.command(h.demo.ownerId, 'invite import');
		await h.waitFor(
			async () => (await h.message('general', again.id))?.content.startsWith('Imported') ?? false,
			'the second import done',
		);
		expect((await h.message('general', again.id))?.content).toMatch(
			/: 0 uses credited to 0 inviters; \d+ had nothing new to credit\.$/,
		);
		expect(await counts(h, e.id)).toMatchObject({ tracked: 3, imported: 2, effective: 3 });
		await advance(h, MINUTE);
	});

	it('/invite tracking status says every permission is there, or exactly which one is missing', async () => {
		const ok = await h.command(h.demo.ownerId, 'invite tracking status');
		expect(ok.content.split('\n')[0]).toBe('Invite tracking has every permission it needs.');
		expect(ok.content).toContain('✅ Manage Server:');
		expect(ok.content).toContain('✅ Manage Channels:');
		expect(ok.content).toContain('✅ View Audit Log:');
		// Only the admin sees it: in their language.
		const es = await h.command(h.demo.ownerId, 'invite tracking status', {}, { locale: 'es-ES' });
		expect(es.content.split('\n')[0]).toBe('El seguimiento de invitaciones tiene todos los permisos que necesita.');
		const role = botRole();
		const all = role.permissions;
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${role.id}`, {
			permissions: all.remove('ManageGuild', 'ManageChannels', 'ViewAuditLog').bitfield.toString(),
		});
		await h.waitFor(() => !botRole().permissions.has('ManageGuild'), 'Foyer to lose Manage Server');
		try {
			const lines = (await h.command(h.demo.ownerId, 'invite tracking status')).content.split('\n');
			expect(lines[0]).toBe('Invite tracking:');
			expect(lines.filter((l) => l.startsWith('❌'))).toEqual([
				expect.stringMatching(/^❌ Foyer lacks Manage Server: it cannot read how often each invite was used/),
				expect.stringMatching(/^❌ Foyer lacks Manage Channels: Discord sends it no invite created\/deleted events/),
				expect.stringMatching(/^❌ Foyer lacks View Audit Log:/),
			]);
			// The import needs the use counts: it says so, and credits nothing.
			const imp = await h.command(h.demo.ownerId, 'invite import');
			expect(imp.content).toBe(
				"Cannot import: Foyer lacks the Manage Server permission, so it cannot read the invites' use counts.",
			);
		} finally {
			await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${role.id}`, { permissions: all.bitfield.toString() });
			await h.waitFor(() => botRole().permissions.has('ManageGuild'), 'Foyer to get Manage Server back');
		}
	});

	it('answers for everyone in the server’s language once it chose Spanish', async () => {
		await h.foyer.plugins.setLanguage(h.guildId, 'es-ES');
		try {
			const reply = await h.command(h.demo.memberId, 'invite inviter', { user: b });
			expect(reply.content).toBe(`<@${b}> fue invitado por <@${a.id}> con \`${a.code}\`.`);
			expect(reply.pings).toEqual([]);
		} finally {
			await h.foyer.plugins.setLanguage(h.guildId, 'en-US');
		}
	});
});

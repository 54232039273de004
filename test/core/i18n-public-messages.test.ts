import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackends, type SeenMessage, startTestFoyer, type TestFoyer } from '../../src/testing/index.ts';

/** Everything a Discord client shows of a message: its content and its Components V2 texts and labels. */
const shown = (m: SeenMessage) => `${m.content}\n${JSON.stringify(m.components)}`;

describeOnBackends('messages everyone reads in a Spanish-speaking server', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: ['verification', 'join'].map((p) => resolve('plugins', p)), backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	const gate = async () =>
		(await h.botMessages('verification')).filter((m) => JSON.stringify(m.components).includes(':verify'));

	it('reposts the verification message in Spanish when the server switches language, default text included', async () => {
		const g = h.guildId;
		await h.foyer.plugins.setEnabled('verification', g, true);
		const saved = await h.foyer.plugins.updateSettings('verification', g, {
			channel: h.channel('verification'),
			verifiedRole: h.role('Verified'),
			unverifiedRole: h.role('Unverified'),
			logChannel: h.channel('bot-log'),
		});
		expect(saved.ok).toBe(true);
		await h.waitFor(async () => (await gate()).some((m) => shown(m).includes('Please read')), 'the English gate');

		await h.foyer.plugins.setLanguage(g, 'es-ES');
		await h.waitFor(
			async () => (await gate()).some((m) => shown(m).includes('Pulsa **Verificarme** para verificarte.')),
			'the Spanish gate',
			20_000,
		);
		const [message, ...others] = await gate();
		expect(others).toEqual([]);
		const text = shown(message as SeenMessage);
		expect(text).toContain('¡Bienvenido a **Foyer Demo**! Lee ');
		expect(text).toContain('Los miembros que no se verifiquen en');
		expect(text).toContain('"label":"Verificarme"');
		expect(text).not.toMatch(/Please read|Press \*\*|Members who/);
	});

	it('announces a lockdown and its lifting in the log channel in Spanish, whatever the moderator’s own language', async () => {
		const on = await h.command(h.demo.adminId, 'verify lockdown on', {}, { locale: 'en-US' });
		expect(on.content).toBe('Lockdown engaged. Lift it with /verify lockdown off.');
		await h.waitFor(
			async () => (await h.botMessages('bot-log')).some((m) => m.content.includes('Bloqueo antiincursiones activado')),
			'the Spanish lockdown notice',
		);
		const off = await h.command(h.demo.adminId, 'verify lockdown off', {}, { locale: 'en-US' });
		expect(off.content).toBe('Lockdown lifted.');
		await h.waitFor(
			async () => (await h.botMessages('bot-log')).some((m) => m.content.includes('Bloqueo antiincursiones levantado')),
			'the Spanish lifting notice',
		);
		const log = (await h.botMessages('bot-log')).map((m) => m.content).join('\n');
		expect(log).toMatch(/🔒 Bloqueo antiincursiones activado por .+: un moderador bloqueó el servidor\./);
		expect(log).toContain('Levántalo con /verificar bloqueo levantar.');
		expect(log).toMatch(/🔓 Bloqueo antiincursiones levantado por .+: un moderador lo levantó\./);
		expect(log).not.toMatch(/Raid lockdown|Lift it with/);
	});

	it('welcomes a new member with the Spanish default template', async () => {
		const g = h.guildId;
		// The gate would hold the welcome until the member verified: this test is about the words.
		await h.foyer.plugins.setEnabled('verification', g, false);
		expect((await h.foyer.plugins.updateSettings('join', g, { channel: h.channel('welcome') })).ok).toBe(true);
		const welcome = await h.watch('welcome');
		const joined = await h.join({ username: 'recien-llegada', globalName: 'Recién Llegada' });
		const message = await welcome.next();
		const count = await h.memberCount();
		expect(message.content).toBe(
			`¡Bienvenido <@${joined}> a **Foyer Demo**! Ahora somos ${count.toLocaleString('en-US')} miembros.`,
		);
		expect(message.pings).toEqual([joined]);
	});
});

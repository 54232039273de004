// #region suite
import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

const DAY = 24 * 60 * 60_000;

describeOnBackends('reminders', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('posts a reminder a day later, pinging only the member who asked', async () => {
		const reply = await h.command(h.demo.memberId, 'remind', { minutes: 1_440, text: 'Call @everyone' });
		expect(reply.content).toBe('I will remind you in 1440 minutes.');
		const general = await h.watch('general');
		await h.clock.advance(DAY - 60_000);
		expect((await h.botMessages('general')).filter((m) => !m.ephemeral)).toEqual([]);
		await h.clock.advance(60_000); // resolves once the jobs that fell due have run
		const reminder = await general.next();
		expect(reminder.content).toBe(`<@${h.demo.memberId}>, you asked me to remind you: Call @everyone`);
		expect([reminder.pings, reminder.pingedEveryone]).toEqual([[h.demo.memberId], false]);
	});
	// #endregion suite

	it('refuses a delay over the server’s limit, in the member’s language', async () => {
		expect((await plugin.updateSettings(h.guildId, { maxMinutes: 60 })).ok).toBe(true);
		const reply = await h.command(h.demo.memberId, 'remind', { minutes: 61, text: 'Too late' }, { locale: 'es-ES' });
		expect(reply.content).toBe('Es demasiado tarde: como mucho 60 minutos aquí.');
		expect(reply.ephemeral).toBe(true);
		expect(await h.pendingJobs()).toBe(0);
	});

	it('keeps one reminder per member: asking again replaces the first', async () => {
		await h.command(h.demo.memberId, 'remind', { minutes: 30, text: 'first' });
		await h.command(h.demo.memberId, 'remind', { minutes: 10, text: 'second' });
		expect(await h.pendingJobs()).toBe(1);
		await h.clock.advance(60 * 60_000);
		const sent = (await h.botMessages('general')).map((m) => m.content);
		expect(sent.at(-1)).toBe(`<@${h.demo.memberId}>, you asked me to remind you: second`);
		expect(sent.filter((c) => c.endsWith(': first'))).toEqual([]);
	});

	it('shows its figures and help on its dashboard page', async () => {
		const page = await (await h.dashboard()).page(`/${plugin.id}/${h.guildId}`);
		const html = await page.text();
		expect(html).toContain('<dt>Reminders asked for</dt><dd>3</dd>');
		expect(html).toContain('<dt>Reminders sent</dt><dd>2</dd>');
		expect(html).toContain('Reminders can be up to 60 minutes away.');
	});
});

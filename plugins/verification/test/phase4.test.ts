import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GateMode } from '../_settings.ts';
import { answerCaptcha, gateMessage, MINUTE, pressVerify, startGate } from './_gate.ts';

/** Seed 004, section 9, "Phase 4: Verification", automated, in each mode of the gate. */
function phase4(mode: GateMode) {
	describeOnBackends(`seed 004 phase 4, ${mode} mode`, (backend) => {
		let h: TestFoyer;
		beforeAll(async () => {
			h = await startGate({ backend }, { mode });
		});
		afterAll(async () => {
			await h?.stop();
			await backend.cleanup();
		});

		const verify = async (user: string) => {
			if (mode === 'reaction') {
				const message = await gateMessage(h);
				await h.control.react(message.channelId, message.id, user, '✅');
			} else if (mode === 'captcha') await answerCaptcha(h, user);
			else await pressVerify(h, user);
		};

		it('test 1, basic verification: unverified role on join; after verifying it is gone, the verified role given and the welcome sent', async () => {
			const user = await h.join({ username: `p4-${mode}`, globalName: 'Phase Four' });
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'Unverified');
			await verify(user);
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Verified')) ?? false, 'Verified');
			expect(await h.rolesOf(user)).toEqual([h.role('Verified')]);
			await h.waitFor(
				async () => (await h.botMessages('verification')).some((m) => m.content.includes(`Welcome <@${user}>`)),
				'the welcome',
			);
		});

		it('test 2, timeout: no verification for 10 minutes, the member is removed and it is logged', async () => {
			const user = await h.join(`p4-${mode}-late`);
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'Unverified');
			await h.clock.advance(10 * MINUTE);
			await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal');
			await h.waitFor(
				async () =>
					(await h.botMessages('bot-log')).some(
						(m) => m.content.includes(`<@${user}>`) && m.content.includes('Not verified within 10 minutes.'),
					),
				'the log line',
			);
			const page = { body: await (await (await h.dashboard()).page(`/verification/${h.guildId}`)).text() };
			expect(page.body).toContain(`p4-${mode}-late`);
			expect(page.body).toContain('Not verified within 10 minutes.');
			expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
		});
	});
}

for (const mode of ['button', 'reaction', 'captcha'] as const) phase4(mode);

import { inflateSync } from 'node:zlib';
import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMatches, CODE_LENGTH, newCode, normalizeAnswer } from '../captcha/_code.ts';
import { ALPHABET } from '../captcha/_font.ts';
import { captchaPng, HEIGHT, WIDTH } from '../captcha/_image.ts';
import plugin from '../plugin.ts';
import { answerOffer, captchaCode, pressVerify, startGate } from './_gate.ts';

describe('captcha pieces', () => {
	it('draws the code as a greyscale PNG of 240×90, differently each time', () => {
		const a = captchaPng('ABC234');
		const b = captchaPng('ABC234');
		expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(a.readUInt32BE(16)).toBe(WIDTH);
		expect(a.readUInt32BE(20)).toBe(HEIGHT);
		expect(a.equals(b)).toBe(false);
		// The pixels decode: one filter byte and WIDTH grey values per row, with dark ink among light ones.
		const idat = a.subarray(a.indexOf('IDAT') + 4, a.indexOf('IEND') - 8);
		const raw = inflateSync(idat);
		expect(raw.length).toBe((WIDTH + 1) * HEIGHT);
		const dark = [...raw].filter((v) => v < 100).length;
		expect(dark).toBeGreaterThan(1_000);
	});

	it('makes codes of six characters from an alphabet without look-alikes', () => {
		expect(ALPHABET).not.toMatch(/[01IO]/);
		for (let i = 0; i < 50; i++) expect(newCode()).toMatch(new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`));
	});

	it('accepts the code in any case, with spaces or dashes, and nothing else', () => {
		expect(normalizeAnswer(' ab-c 234 ')).toBe('ABC234');
		expect(answerMatches('abc234', 'ABC234')).toBe(true);
		expect(answerMatches('ABC 23-4', 'ABC234')).toBe(true);
		expect(answerMatches('ABC235', 'ABC234')).toBe(false);
		expect(answerMatches('ABC2345', 'ABC234')).toBe(false);
		expect(answerMatches('', 'ABC234')).toBe(false);
	});
});

describeOnBackends('captcha mode', (backend) => {
	let h: TestFoyer;
	beforeAll(async () => {
		h = await startGate({ backend }, { mode: 'captcha', captchaAttempts: 3 });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('shows the code only as an image attachment, and verifies a member who types it in lower case', async () => {
		const user = await h.join('reader');
		const offer = await pressVerify(h, user);
		const code = await captchaCode(h, user);
		expect(offer.raw.ephemeral).toBe(true);
		expect(JSON.stringify(offer.raw)).not.toContain(code);
		expect(offer.content).toMatch(/Type the code shown in the image/);
		expect(offer.content).toMatch(/3 wrong answers left/);
		const done = await answerOffer(h, user, offer, (c) => c.toLowerCase());
		expect(done.content).toMatch(/^Right! You are verified/);
		expect(await h.rolesOf(user)).toEqual([h.role('Verified')]);
	});

	it('shows a new image after a wrong answer; the old code no longer works', async () => {
		const user = await h.join('typo');
		const offer = await pressVerify(h, user);
		const first = await captchaCode(h, user);
		const retry = await answerOffer(h, user, offer, () => 'WRONG2');
		expect(retry.content).toMatch(/^That was not the code; here is a new one\./);
		expect(retry.content).toMatch(/2 wrong answers left/);
		const second = await captchaCode(h, user);
		expect(second).not.toBe(first);
		expect(await h.rolesOf(user)).toEqual([h.role('Unverified')]);
		const done = await answerOffer(h, user, retry);
		expect(done.content).toMatch(/^Right!/);
		expect((await plugin.counters.read(h.guildId)).failedCaptchas).toBe(1);
	});

	it('removes a member after three wrong answers, counts them and says why in the log channel', async () => {
		const user = await h.join('guesser');
		let offer = await pressVerify(h, user);
		for (let i = 0; i < 2; i++) offer = await answerOffer(h, user, offer, () => 'ZZZZZZ');
		const last = await answerOffer(h, user, offer, () => 'ZZZZZZ');
		expect(last.content).toMatch(/after 3 wrong answers you are removed from the server/);
		await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal');
		expect((await plugin.counters.read(h.guildId)).failedCaptchas).toBe(4);
		await h.waitFor(
			async () =>
				(await h.botMessages('bot-log')).some(
					(m) => m.content.includes(`<@${user}>`) && m.content.includes('Failed the captcha 3 times.'),
				),
			'the log line',
		);
	});

	it('tells a member already verified so, without a captcha', async () => {
		const answer = await pressVerify(h, h.demo.adminId);
		// The admin joined before the gate and has no verified role: they may verify too, with the captcha.
		expect(answer.content).toMatch(/Type the code/);
		const user = await h.join('done-before');
		await answerOffer(h, user, await pressVerify(h, user));
		expect((await pressVerify(h, user)).content).toBe('You are already verified.');
	});
});

import { type SeenMessage, seenMessage, startTestFoyer, type TestFoyer, type TestFoyerOptions } from 'foyer/testing';
import { CAPTCHA_BUTTON, CAPTCHA_FIELD, VERIFY_BUTTON } from '../_ids.ts';
import plugin from '../plugin.ts';

type Settings = Parameters<typeof plugin.updateSettings>[1];

export type HarnessOptions = Omit<TestFoyerOptions, 'plugins'> & { extraPlugins?: URL[] };

/**
 * Foyer with the verification plugin on in the demo server: #verification, the Verified and
 * Unverified roles, #bot-log as log channel, plus `settings`. Resolves once the gate message is up.
 */
export async function startGate(options: HarnessOptions = {}, settings: Settings = {}): Promise<TestFoyer> {
	const { extraPlugins = [], ...rest } = options;
	const h = await startTestFoyer({ plugins: [new URL('..', import.meta.url), ...extraPlugins], ...rest });
	await h.foyer.plugins.setEnabled(plugin.id, h.guildId, true);
	const saved = await plugin.updateSettings(h.guildId, {
		channel: h.channel('verification'),
		verifiedRole: h.role('Verified'),
		unverifiedRole: h.role('Unverified'),
		logChannel: h.channel('bot-log'),
		...settings,
	});
	if (!saved.ok) throw new Error(`Settings refused: ${JSON.stringify(saved.errors)}`);
	await h.waitFor(async () => (await gateMessages(h)).length === 1, 'the verification message', 20_000);
	return h;
}

/** The bot's messages in #verification that carry the gate (the verification message). */
export async function gateMessages(h: TestFoyer): Promise<SeenMessage[]> {
	return (await h.botMessages('verification')).filter((m) => JSON.stringify(m.components).includes('Members who'));
}

export async function gateMessage(h: TestFoyer): Promise<SeenMessage> {
	const [message] = await gateMessages(h);
	if (!message) throw new Error('No verification message in #verification');
	return message;
}

/** Presses the Verify button as a member; resolves the bot's (ephemeral) answer. */
export async function pressVerify(h: TestFoyer, userId: string): Promise<SeenMessage> {
	return h.click(userId, await gateMessage(h), VERIFY_BUTTON);
}

export const MINUTE = 60_000;

/**
 * The code the member's captcha image shows. A person reads it off the image; a test reads what
 * the plugin stored for it (the image itself is an attachment the emulator does not keep).
 */
export async function captchaCode(h: TestFoyer, userId: string): Promise<string> {
	const [row] = (await plugin
		.em()
		.getConnection()
		.execute('select code from verification_challenges where guild_id = ? and user_id = ?', [h.guildId, userId])) as {
		code: string;
	}[];
	if (!row?.code) throw new Error(`No captcha for ${userId}`);
	return row.code;
}

/** Verify, "Enter the code", the form: what a member does in captcha mode. Resolves the final answer. */
export async function answerCaptcha(h: TestFoyer, userId: string, answer?: (code: string) => string) {
	const offer = await pressVerify(h, userId);
	return answerOffer(h, userId, offer, answer);
}

/** Answers the captcha of an offer message (the ephemeral reply with the image and its button). */
export async function answerOffer(
	h: TestFoyer,
	userId: string,
	offer: SeenMessage,
	answer: (code: string) => string = (code) => code,
): Promise<SeenMessage> {
	const code = await captchaCode(h, userId);
	const opened = await h.control.click({
		channel_id: offer.channelId,
		message_id: offer.id,
		user_id: userId,
		custom_id: CAPTCHA_BUTTON,
	});
	if (!opened.modal) throw new Error(`"Enter the code" opened no form: ${JSON.stringify(opened)}`);
	const submitted = await h.control.submitModal({
		interaction_id: opened.interaction_id,
		values: { [CAPTCHA_FIELD]: answer(code) },
		// In a raid the answer waits for the member's place in the role queue (it was deferred at once).
		timeout_ms: 60_000,
	});
	return seenReply(submitted.reply);
}

const seenReply = (m: Record<string, unknown>): SeenMessage => seenMessage(m);

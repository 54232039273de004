import { type SeenMessage, startTestFoyer, type TestFoyer, type TestFoyerOptions } from 'foyer/testing';
import { VERIFY_BUTTON } from '../_ids.ts';
import plugin from '../plugin.ts';

type Settings = Parameters<typeof plugin.updateSettings>[1];

/** Harness options of a suite: a suite is a function of them, so it can run on each database backend. */
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
	await h.waitFor(async () => (await gateMessages(h)).length === 1, 'the verification message');
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

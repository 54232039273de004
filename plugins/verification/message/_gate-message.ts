import { DiscordAPIError, type Guild, type Message, RESTJSONErrorCodes } from 'discord.js';
import { configured } from '../_settings.ts';
import { VerificationGateMessage } from '../entities/gate-message.ts';
import { effectiveMode } from '../lockdown/_state.ts';
import plugin from '../plugin.ts';
import { fingerprintOf, renderGate } from './_render.ts';

// Ids of the gate messages this process knows, to notice their deletion without a query per delete.
const known = new Map<string, string>();

export function isGateMessage(guildId: string, messageId: string): boolean {
	return known.get(guildId) === messageId;
}

const chains = new Map<string, Promise<unknown>>();

/**
 * Brings the guild's one verification message in line with its settings: posted when missing (or
 * deleted), edited when its text, mode or button changed, moved when the channel changed, removed when
 * the gate is off. Serialised per guild: settings saved twice in a row post one message, not two.
 */
export function syncGateMessage(guild: Guild): Promise<void> {
	const previous = chains.get(guild.id) ?? Promise.resolve();
	const next = previous
		.then(() => sync(guild))
		.catch(async (error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			if (await plugin.counters.note(guild.id, plugin.t('notes.gateNotPosted', { guild: guild.id, vars: { message } })))
				plugin.log.warn({ guild: guild.id, err: error }, 'Verification message not posted');
		});
	chains.set(guild.id, next);
	void next.finally(() => {
		if (chains.get(guild.id) === next) chains.delete(guild.id);
	});
	return next;
}

async function sync(guild: Guild): Promise<void> {
	const s = plugin.settings(guild.id);
	const em = plugin.em();
	const record = await em.findOne(VerificationGateMessage, { guildId: guild.id });
	const on = plugin.enabledIn(guild.id) && configured(s);
	const channel = on && s.channel ? guild.channels.cache.get(s.channel) : undefined;
	if (!on || !channel?.isSendable()) {
		if (record) await removeOld(guild, record.channelId, record.messageId);
		if (record) await em.nativeDelete(VerificationGateMessage, { guildId: guild.id });
		known.delete(guild.id);
		if (on) await plugin.counters.note(guild.id, plugin.t('notes.gateGone', { guild: guild.id }));
		return;
	}
	const mode = await effectiveMode(guild.id, s);
	const payload = await renderGate(guild, s, mode);
	const fingerprint = fingerprintOf(payload, mode, s.emoji);
	let message: Message | null = null;
	if (record?.channelId === channel.id) message = await fetchMessage(channel, record.messageId);
	else if (record) await removeOld(guild, record.channelId, record.messageId);
	if (message && record?.fingerprint === fingerprint) {
		known.set(guild.id, message.id);
		return;
	}
	if (message) message = await message.edit(payload);
	else message = await channel.send(payload);
	if (mode === 'reaction' && !message.reactions.cache.get(s.emoji)?.me) await message.react(s.emoji);
	await em.upsert(VerificationGateMessage, {
		guildId: guild.id,
		channelId: channel.id,
		messageId: message.id,
		fingerprint,
	});
	known.set(guild.id, message.id);
}

async function fetchMessage(channel: { messages: { fetch(id: string): Promise<Message> } }, id: string) {
	try {
		return await channel.messages.fetch(id);
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) return null;
		throw error;
	}
}

async function removeOld(guild: Guild, channelId: string, messageId: string): Promise<void> {
	// Forgotten first: its deletion event must not bring it back.
	known.delete(guild.id);
	const channel = guild.channels.cache.get(channelId);
	if (!channel?.isTextBased()) return;
	await channel.messages.delete(messageId).catch(() => undefined);
}

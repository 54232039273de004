import type { APIEmbed, Client, Message } from 'discord.js';
import { effectNonce } from '../effect-nonce.ts';
import type { EffectExecutor } from '../effect-outbox.ts';

export const MESSAGE = 'message';

/** A message to send: to a channel, or to a user's DMs. */
export interface MessageEffect {
	channelId?: string;
	userId?: string;
	message: {
		content?: string;
		/** Restrict it (`{ parse: [], users: [...] }`) whenever the content carries member text. */
		allowedMentions: { parse?: ('users' | 'roles' | 'everyone')[]; users?: string[]; roles?: string[] };
		embeds?: APIEmbed[];
	};
}

/**
 * Sends the message with a nonce derived from the effect's key and `enforce_nonce`: if the first
 * send reached Discord but was not marked done (a crash), the resend within Discord's nonce window
 * returns the first message instead of posting again.
 */
export function messageExecutor(client: () => Client): EffectExecutor<MessageEffect, Message> {
	return async (payload, _live, effect) => {
		const body = {
			...payload.message,
			...(effect.key ? { nonce: effectNonce(effect.key), enforceNonce: true } : {}),
		};
		if (payload.userId) return (await client().users.createDM(payload.userId)).send(body);
		if (!payload.channelId) throw new Error('A message effect needs a channelId or a userId');
		const channel =
			client().channels.cache.get(payload.channelId) ?? (await client().channels.fetch(payload.channelId));
		if (!channel?.isSendable()) throw new Error(`Channel ${payload.channelId} is not one Foyer can send to`);
		return channel.send(body);
	};
}

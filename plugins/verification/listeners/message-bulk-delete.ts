import { Events, Listener } from '@sapphire/framework';
import type { GuildTextBasedChannel, Message, PartialMessage, ReadonlyCollection, Snowflake } from 'discord.js';
import { isGateMessage, syncGateMessage } from '../message/_gate-message.ts';

/** A purge that took the verification message with it: post it again. */
export class VerificationMessageBulkDelete extends Listener<typeof Events.MessageBulkDelete> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.MessageBulkDelete });
	}

	override async run(
		messages: ReadonlyCollection<Snowflake, Message<true> | PartialMessage<true>>,
		channel: GuildTextBasedChannel,
	) {
		if (messages.some((m) => isGateMessage(channel.guild.id, m.id))) await syncGateMessage(channel.guild);
	}
}

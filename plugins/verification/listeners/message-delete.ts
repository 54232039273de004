import { Events, Listener } from '@sapphire/framework';
import type { Message, PartialMessage } from 'discord.js';
import { isGateMessage, syncGateMessage } from '../message/_gate-message.ts';

/** The verification message was deleted (by a moderator, a cleanup bot...): post it again. */
export class VerificationMessageDelete extends Listener<typeof Events.MessageDelete> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.MessageDelete });
	}

	override async run(message: Message | PartialMessage) {
		if (message.guild && isGateMessage(message.guild.id, message.id)) await syncGateMessage(message.guild);
	}
}

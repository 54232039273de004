import { Events, Listener } from '@sapphire/framework';
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { memberOf } from '../gate/_members.ts';
import { verifyMember } from '../gate/_verify.ts';
import { effectiveMode } from '../lockdown/_state.ts';
import { isGateMessage } from '../message/_gate-message.ts';
import plugin from '../plugin.ts';

/** Reaction mode (the seed's ✅): reacting to the verification message verifies the member. */
export class VerificationReactionAdd extends Listener<typeof Events.MessageReactionAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.MessageReactionAdd });
	}

	override async run(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) {
		const guildId = reaction.message.guildId;
		if (user.bot || !guildId || !isGateMessage(guildId, reaction.message.id)) return;
		const s = plugin.settings(guildId);
		if (reaction.emoji.name !== s.emoji) return;
		// During a lockdown with captcha the message shows a button instead; reactions do not verify.
		if ((await effectiveMode(guildId, s)) !== 'reaction') return;
		const guild = this.container.client.guilds.cache.get(guildId);
		const member = guild && (await memberOf(guild, user.id));
		if (member) await verifyMember(member, 'reaction');
	}
}

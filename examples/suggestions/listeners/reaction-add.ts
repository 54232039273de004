import { Events, Listener } from '@sapphire/framework';
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { countVote } from './_count-votes.ts';

export class SuggestionsReactionAdd extends Listener<typeof Events.MessageReactionAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.MessageReactionAdd });
	}

	override run(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) {
		return countVote(reaction, user);
	}
}

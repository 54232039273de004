import { Events, Listener } from '@sapphire/framework';
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { countVote } from './_count-votes.ts';

export class SuggestionsReactionRemove extends Listener<typeof Events.MessageReactionRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.MessageReactionRemove });
	}

	override run(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) {
		return countVote(reaction, user);
	}
}

import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { findByMessage, setVotes, VOTES } from '../_suggestions.ts';

/**
 * Recounts one vote of a suggestion after a reaction came or went: the users Discord shows under
 * the post, less Foyer's own reaction. Reactions on other messages, other emoji and bots are ignored.
 */
export async function countVote(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) {
	if (user.bot) return;
	const vote = reaction.emoji.name === VOTES.up ? 'up' : reaction.emoji.name === VOTES.down ? 'down' : null;
	const guildId = reaction.message.guildId;
	if (!vote || !guildId) return;
	const row = await findByMessage(guildId, reaction.message.id);
	if (!row) return;
	await setVotes(row.id, vote, reaction.partial ? await votersOf(reaction) : reaction.count - (reaction.me ? 1 : 0));
}

/**
 * A post that is not in the cache (Foyer restarted since it was posted) comes as a partial reaction,
 * whose `me` discord.js cannot tell: ask Discord who reacted and count the people (first 100).
 */
async function votersOf(reaction: PartialMessageReaction): Promise<number> {
	const users = await reaction.users.fetch({ limit: 100 });
	return users.filter((u) => !u.bot).size;
}

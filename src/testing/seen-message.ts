type Json = Record<string, unknown>;

/** A message as a test reads it: what members see, and who it really pinged. */
export interface SeenMessage {
	id: string;
	channelId: string;
	authorId: string;
	content: string;
	embeds: Json[];
	components: Json[];
	/** The users Discord notified (allowed_mentions applied). */
	pings: string[];
	/** Whether the message pinged @everyone / @here. */
	pingedEveryone: boolean;
	/** The role ids Discord notified. */
	pingedRoles: string[];
	/** Only the member who ran the command sees it. */
	ephemeral: boolean;
	/** The reactions under it: emoji (its name, e.g. 👍) and how many users reacted. */
	reactions: { emoji: string; count: number }[];
	raw: Json;
}

/** A message of the control API (Discord's object plus `pings` and `ephemeral`) as a SeenMessage. */
export function seenMessage(m: Json): SeenMessage {
	const pings = m.pings as { users?: string[]; roles?: string[]; everyone?: boolean } | string[] | undefined;
	const users = Array.isArray(pings) ? pings : (pings?.users ?? []);
	return {
		id: String(m.id),
		channelId: String(m.channel_id),
		authorId: String((m.author as Json | undefined)?.id ?? ''),
		content: String(m.content ?? ''),
		embeds: (m.embeds as Json[] | undefined) ?? [],
		components: (m.components as Json[] | undefined) ?? [],
		pings: users,
		pingedEveryone: Array.isArray(pings) ? false : (pings?.everyone ?? false),
		pingedRoles: Array.isArray(pings) ? [] : (pings?.roles ?? []),
		ephemeral: m.ephemeral === true,
		reactions: ((m.reactions as { emoji: { name: string }; count: number }[] | undefined) ?? []).map((r) => ({
			emoji: r.emoji.name,
			count: r.count,
		})),
		raw: m,
	};
}

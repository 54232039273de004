import type { APIEmbed, GuildMember, Message, PartialGuildMember } from 'discord.js';

export type AnyMember = GuildMember | PartialGuildMember;

/** What a plugin's embed builder gets: text rendered like the message, and the member's avatar (one member only). */
export interface EmbedContext {
	render(text: string): string;
	avatarUrl: string | null;
}

/** A message about one member (a welcome, a goodbye) that may be combined with others in a raid. */
export interface MemberMessage {
	/** The plugin sending it: members are combined per channel and plugin. */
	plugin: string;
	member: AnyMember;
	/** Target channel, or the server's system channel when null. */
	channelId: string | null;
	/** The message for this member alone. */
	template: string;
	/** The message for several members: `%members%` mentions them, `%member_names%` names them. */
	combinedTemplate: string;
	/** What plugins' context providers added for this member (e.g. the inviter), resolved before posting. */
	context?: Partial<import('../templates/template-engine.ts').TemplateContext>;
	/** An optional embed, built for one member or for a combined message. */
	embed?: (ctx: EmbedContext) => APIEmbed | null;
}

export interface MemberMessageResult {
	message: Message;
	/** How many members the message is about (1 unless combined). */
	members: number;
	combined: boolean;
}

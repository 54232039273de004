import type { GuildMember, Message, PartialGuildMember } from 'discord.js';
import type { TemplateContext } from '../templates/template-engine.ts';
import type { EmbedTemplate } from './embed-template.ts';

export type AnyMember = GuildMember | PartialGuildMember;

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
	context?: Partial<TemplateContext>;
	/** An optional embed, rendered for one member or for a combined message. */
	embed?: EmbedTemplate;
	/**
	 * Idempotency key. Inside an event listener the core derives one from the event (the same event
	 * replayed asks for the same message, which is then sent once); give one to deduplicate sends
	 * made elsewhere. Without a key outside an event, the message is sent but not recorded.
	 */
	key?: string;
}

/** A member message as data: what the outbox records and the coalescer sends, also after a restart. */
export interface QueuedMemberMessage {
	plugin: string;
	guildId: string;
	channelId: string | null;
	template: string;
	combinedTemplate: string;
	embed: EmbedTemplate | null;
	/** The member's template context as it was at the event (member count included). */
	ctx: TemplateContext;
	/** How the member is named in a combined message. */
	name: string;
}

export interface MemberMessageResult {
	message: Message;
	/** How many members the message is about (1 unless combined). */
	members: number;
	combined: boolean;
}

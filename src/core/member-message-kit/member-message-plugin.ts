import type { GuildMember } from 'discord.js';
import type { MemberMessage, MemberMessageResult } from '../messaging/member-message.ts';

/** The part of a plugin handle the member-message kit needs: a channel and a message per guild. */
export interface MemberMessagePlugin {
	readonly id: string;
	settings(guildId: string): { channel: string | null; template: string };
	updateSettings(
		guildId: string,
		input: { channel: string },
	): Promise<{ ok: true } | { ok: false; errors: Partial<Record<string, string>> }>;
	postMemberMessage(message: Omit<MemberMessage, 'plugin'>): Promise<MemberMessageResult | null>;
}

/** What the kit says and sends for one plugin (join: "Welcome messages", leave: "Goodbye messages"). */
export interface MemberMessageKitOptions<P extends MemberMessagePlugin> {
	plugin: P;
	/** The slash command's name: `/welcome`. */
	command: string;
	/** The command's description: "Welcome messages for new members". */
	description: string;
	/** The test subcommand's description: "Send the welcome message for yourself". */
	testDescription: string;
	/** Capitalised plural of what it sends: "Welcome messages". */
	noun: string;
	/** The message for a member as the guild's settings say (the same one the listener sends). */
	message(member: GuildMember, settings: ReturnType<P['settings']>): Omit<MemberMessage, 'plugin'>;
}

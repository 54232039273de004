import type { GuildMember } from 'discord.js';
import type { MemberMessage, MemberMessageResult } from '../messaging/member-message.ts';

/** The part of a plugin handle the member-message kit needs: a channel and a message per guild, and its texts. */
export interface MemberMessagePlugin {
	readonly id: string;
	settings(guildId: string): { channel: string | null; template: string };
	updateSettings(
		guildId: string,
		input: { channel: string },
		options?: { locale?: string | null },
	): Promise<{ ok: true } | { ok: false; errors: Partial<Record<string, string>> }>;
	postMemberMessage(message: Omit<MemberMessage, 'plugin'>): Promise<MemberMessageResult | null>;
	t(key: string, options?: { locale?: string | null; vars?: Record<string, string | number> }): string;
	localizations(key: string): Partial<Record<string, string>>;
}

/**
 * What the kit says and sends for one plugin. `texts` names a section of the plugin's catalogs
 * (`languages/<locale>.json`) with `name` (the command: "welcome"), `description`, `test` (the test
 * subcommand's description) and `what` ("Welcome messages"), in every language the plugin speaks.
 */
export interface MemberMessageKitOptions<P extends MemberMessagePlugin> {
	plugin: P;
	/** The slash command's name in English (its base name on Discord): `welcome`. */
	command: string;
	/** The catalog section of the command's texts, e.g. `command`. */
	texts: string;
	/** The message for a member as the guild's settings say (the same one the listener sends). */
	message(member: GuildMember, settings: ReturnType<P['settings']>): Omit<MemberMessage, 'plugin'>;
}

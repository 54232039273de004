import { ApplicationFlags, GatewayIntentBits as I } from 'discord-api-types/v10';

export const PRIVILEGED_INTENTS = I.GuildMembers | I.GuildPresences | I.MessageContent;

export const ALL_INTENTS = Object.values(I)
	.filter((v): v is number => typeof v === 'number')
	.reduce((all, bit) => all | bit, 0);

/** The application flags discord.js reads to know which privileged intents are enabled. */
export function applicationFlagsFor(privileged: number): number {
	let flags = 0;
	if (privileged & I.GuildPresences) flags |= ApplicationFlags.GatewayPresence;
	if (privileged & I.GuildMembers) flags |= ApplicationFlags.GatewayGuildMembers;
	if (privileged & I.MessageContent) flags |= ApplicationFlags.GatewayMessageContent;
	return flags;
}

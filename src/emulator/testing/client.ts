import { Client, type ClientOptions, GatewayIntentBits } from 'discord.js';
import type { Emulator } from '../emulator.ts';

export const DEFAULT_TEST_INTENTS = [
	GatewayIntentBits.Guilds,
	GatewayIntentBits.GuildMembers,
	GatewayIntentBits.GuildInvites,
	GatewayIntentBits.GuildMessages,
	GatewayIntentBits.GuildMessageReactions,
	GatewayIntentBits.GuildModeration,
	GatewayIntentBits.DirectMessages,
	GatewayIntentBits.MessageContent,
];

/**
 * A plain, unmodified discord.js client logged into the emulator; resolves once `clientReady` fired.
 * The only emulator-specific setting is `rest.api`.
 */
export async function connectClient(
	emulator: Emulator,
	options: Partial<ClientOptions> & { token?: string } = {},
): Promise<Client<true>> {
	const { token = emulator.token, rest, ...rest_ } = options;
	// A cast, because Sapphire plugins in the same program may add required options to ClientOptions.
	const client = new Client({
		intents: DEFAULT_TEST_INTENTS,
		...rest_,
		rest: { ...rest, api: emulator.apiUrl },
	} as ClientOptions);
	const ready = new Promise<void>((resolve, reject) => {
		client.once('clientReady', () => resolve());
		client.once('error', reject);
	});
	await client.login(token);
	await ready;
	return client as Client<true>;
}

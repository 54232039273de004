/**
 * A plain discord.js bot that logs into the local Discord emulator and greets new members.
 *
 *   npm run emulator                    # terminal 1: the emulator with its demo guild
 *   npx tsx examples/emulator-bot.ts    # terminal 2: this bot
 *
 * Nothing here is Foyer code: the only emulator-specific setting is `rest.api`. Environment:
 *   EMULATOR_URL    base URL of the emulator (default http://127.0.0.1:5005)
 *   EMULATOR_TOKEN  bot token; when unset it is read from GET {EMULATOR_URL}/_emulator
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';

const baseUrl = (process.env.EMULATOR_URL ?? 'http://127.0.0.1:5005').replace(/\/+$/, '');

async function resolveToken(): Promise<string> {
	if (process.env.EMULATOR_TOKEN) return process.env.EMULATOR_TOKEN;
	const res = await fetch(`${baseUrl}/_emulator`);
	if (!res.ok) throw new Error(`GET ${baseUrl}/_emulator answered ${res.status}`);
	const info = (await res.json()) as { applications?: { token?: string }[] };
	const token = info.applications?.[0]?.token;
	if (!token) throw new Error(`GET ${baseUrl}/_emulator listed no application token`);
	return token;
}

const client = new Client({
	// GuildMembers is privileged: the emulator's default application is allowed to request it.
	intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
	rest: { api: `${baseUrl}/api` },
});

client.once(Events.ClientReady, (ready) => {
	const guilds = ready.guilds.cache.map((g) => `${g.name} (${g.id})`).join(', ') || 'none';
	console.log(`[bot] logged in as ${ready.user.tag} (${ready.user.id}); guilds: ${guilds}`);
});

client.on(Events.GuildMemberAdd, async (member) => {
	const channel = member.guild.systemChannel;
	if (!channel) {
		console.log(`[bot] ${member.user.tag} joined ${member.guild.name}, which has no system channel: no greeting`);
		return;
	}
	try {
		const message = await channel.send({
			content: `Welcome to ${member.guild.name}, ${member}!`,
			// Ping the newcomer and nobody else, whatever the content says.
			allowedMentions: { users: [member.id] },
		});
		console.log(
			`[bot] greeted ${member.user.tag} (${member.id}) in #${channel.name} (${channel.id}): message ${message.id}`,
		);
	} catch (error) {
		console.error(`[bot] could not greet ${member.user.tag} in #${channel.name}:`, error);
	}
});

const stop = async () => {
	await client.destroy();
	process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

await client.login(await resolveToken());

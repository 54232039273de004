import { Emulator } from './emulator/emulator.ts';

/**
 * Foyer's entry point. Without DISCORD_TOKEN, Foyer runs in sandbox mode against the built-in
 * Discord emulator. The bot core (plugin manager, database, dashboard) is the next milestone; until it
 * lands, `npm start` runs the sandbox emulator with its demo server so it can be explored and
 * scripted through the control API.
 */
const port = Number(process.env.EMULATOR_PORT ?? 5005);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`EMULATOR_PORT must be a TCP port (0-65535), got "${process.env.EMULATOR_PORT}"`);
	process.exit(2);
}
if (process.env.DISCORD_TOKEN) {
	console.error(
		'DISCORD_TOKEN is set, but the Foyer bot core is not built yet: only sandbox mode (no DISCORD_TOKEN) runs today.',
	);
	process.exit(1);
}

const emulator = await Emulator.start({ port, rateLimits: 'realistic', demo: true });
const demo = emulator.demo;
console.log('Foyer sandbox: Discord emulator running (no DISCORD_TOKEN given)');
console.log(`  REST/Gateway: ${emulator.apiUrl}   bot token: ${emulator.token}`);
console.log(`  control API:  ${emulator.url}/_emulator   (docs/emulator.md)`);
if (demo) {
	console.log(`  demo server:  ${demo.guild.name} (${demo.guild.id}), owner ${demo.owner.username} (${demo.owner.id})`);
	console.log(
		`  try:          curl -X POST ${emulator.url}/_emulator/guilds/${demo.guild.id}/joins -H 'content-type: application/json' -d '{"user":{"username":"newcomer"}}'`,
	);
}
const stop = async () => {
	await emulator.close();
	process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

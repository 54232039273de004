import { parseArgs } from 'node:util';
import { Emulator } from './emulator.ts';
import { RATE_LIMIT_MODES, type RateLimitMode } from './rest/ratelimit.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '5005' },
		host: { type: 'string', default: '127.0.0.1' },
		'rate-limits': { type: 'string', default: 'realistic' },
		token: { type: 'string' },
		'no-demo': { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false },
	},
});

if (values.help) {
	console.log(
		'Usage: npm run emulator -- [--port 5005] [--host 127.0.0.1] [--rate-limits off|realistic|strict] [--token T] [--no-demo]',
	);
	process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`--port must be a TCP port (0-65535), got "${values.port}"`);
	process.exit(2);
}
const mode = values['rate-limits'] as RateLimitMode;
if (!RATE_LIMIT_MODES.includes(mode)) {
	console.error(`--rate-limits must be one of ${RATE_LIMIT_MODES.join(', ')}, got "${mode}"`);
	process.exit(2);
}

const emulator = await Emulator.start({
	port,
	host: values.host,
	rateLimits: mode,
	...(values.token ? { token: values.token } : {}),
	demo: !values['no-demo'],
});
console.log(`Discord emulator listening on ${emulator.url}`);
console.log(`  discord.js:  new Client({ rest: { api: '${emulator.apiUrl}' } }) and login('${emulator.token}')`);
console.log(`  control API: ${emulator.url}/_emulator (see docs/emulator.md)`);
if (emulator.demo)
	console.log(
		`  demo guild:  ${emulator.demo.guild.name} (${emulator.demo.guild.id}), owner ${emulator.demo.owner.username} (${emulator.demo.owner.id})`,
	);
console.log(`  rate limits: ${mode}`);

const stop = async () => {
	await emulator.close();
	process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

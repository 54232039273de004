import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { LogLine } from './foyer-harness.ts';

/** A free TCP port on 127.0.0.1 (asked of the system, then released for the process to take). */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
		});
	});
}

export interface SandboxProcess {
	/** The sandbox emulator's base URL (its control API is `${emulatorUrl}/_emulator`). */
	emulatorUrl: string;
	/** The dashboard, by name (plugin-api's cookies refuse an IP equal to the client's). */
	dashboardUrl: string;
	/** Every JSON log line the process wrote so far. */
	logs: LogLine[];
	/** The "Foyer is running" line: which plugins loaded and which failed. */
	running: { loaded: string[]; failed: string[] };
	/** Stops it as Ctrl-C would (SIGINT), and resolves once it has exited. */
	stop(): Promise<void>;
}

/**
 * Foyer as `npm start` runs it, in a process of its own: sandbox mode (its own emulator with the demo
 * server), the dashboard, the data in `FOYER_DATA_DIR`. `env` adds settings such as FOYER_PLUGINS.
 * Resolves once it says it is running; rejects with its output if it exits or takes over `timeoutMs`.
 */
export async function startSandboxProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<SandboxProcess> {
	const [emulatorPort, dashboardPort] = [await freePort(), await freePort()];
	// Sandbox mode on SQLite and the embedded scheduler unless `env` says otherwise.
	const inherited = { ...process.env };
	for (const name of ['DISCORD_TOKEN', 'DATABASE_URL', 'REDIS_URL', 'FOYER_PLUGINS']) delete inherited[name];
	const child: ChildProcess = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
		cwd: resolve('.'),
		env: {
			...inherited,
			EMULATOR_PORT: String(emulatorPort),
			DASHBOARD_PORT: String(dashboardPort),
			LOG_FORMAT: 'json',
			LOG_LEVEL: 'info',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const logs: LogLine[] = [];
	let output = '';
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const running = new Promise<SandboxProcess['running']>((done, fail) => {
		let buffer = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk;
			buffer += chunk;
			const lines = buffer.split('\n');
			buffer = lines.pop() ?? '';
			for (const line of lines) {
				if (!line.startsWith('{')) continue;
				const entry = JSON.parse(line) as LogLine & { loaded?: string[]; failed?: string[] };
				logs.push(entry);
				if (entry.msg === 'Foyer is running') done({ loaded: entry.loaded ?? [], failed: entry.failed ?? [] });
			}
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			output += chunk;
		});
		child.once('exit', (code) =>
			fail(new Error(`Foyer exited (${code}) before it was running:\n${output.slice(-4000)}`)),
		);
		setTimeout(
			() => fail(new Error(`Foyer was not running within ${timeoutMs} ms:\n${output.slice(-4000)}`)),
			timeoutMs,
		).unref();
	});
	const stop = async () => {
		if (child.exitCode === null) child.kill('SIGINT');
		await exited;
	};
	try {
		return {
			emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
			dashboardUrl: `http://localhost:${dashboardPort}`,
			logs,
			running: await running,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

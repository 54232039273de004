import { type ChildProcess, spawn } from 'node:child_process';
import type { LogLine } from './foyer-harness.ts';

export interface FoyerProcess {
	readonly child: ChildProcess;
	readonly pid: number;
	/** Its JSON log lines so far. */
	readonly logs: LogLine[];
	/** Base URL of its HTTP server (dashboard port). */
	readonly httpUrl: string;
	/** Resolves with how it ended. */
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	kill(signal: NodeJS.Signals): void;
	/** Resolves once a log line matches, failing after `ms`. */
	waitForLog(match: (line: LogLine) => boolean, ms?: number): Promise<LogLine>;
}

export interface FoyerProcessOptions {
	/** The Discord (emulator) to log into. */
	emulator: { apiUrl: string; token: string };
	/** The backend's variables (DATABASE_URL, REDIS_URL, FOYER_DATA_DIR...) and any other. */
	env: Record<string, string>;
	/** How long the start may take (default 60 s). */
	startTimeoutMs?: number;
	/** Extra log sink, e.g. for a benchmark's stderr. */
	onLine?: (line: LogLine) => void;
}

/**
 * Foyer as an operator runs it (`npm start` in token mode: src/main.ts, its own process, JSON logs
 * on stdout), logged into an emulator. One Node process (tsx as loader hooks, as Sapphire needs), so
 * that `kill('SIGKILL')` is a real crash of Foyer itself. Resolves once it logged "Foyer is running".
 */
export async function startFoyerProcess(options: FoyerProcessOptions): Promise<FoyerProcess> {
	const env: Record<string, string | undefined> = { ...process.env };
	for (const key of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'REDIS_QUEUE', 'DISCORD_CLIENT_SECRET'])
		delete env[key];
	const child = spawn(process.execPath, ['--require', 'tsx/cjs', '--import', 'tsx/esm', 'src/main.ts'], {
		cwd: process.cwd(),
		env: {
			...env,
			DISCORD_TOKEN: options.emulator.token,
			DISCORD_API_URL: options.emulator.apiUrl,
			DASHBOARD_PORT: '0',
			LOG_FORMAT: 'json',
			LOG_LEVEL: 'info',
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const logs: LogLine[] = [];
	const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
	let stderr = '';
	let buffer = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		for (const text of lines) {
			if (!text.startsWith('{')) continue;
			let line: LogLine;
			try {
				line = JSON.parse(text) as LogLine;
			} catch {
				continue;
			}
			logs.push(line);
			options.onLine?.(line);
			for (const w of [...waiters])
				if (w.match(line)) {
					waiters.splice(waiters.indexOf(w), 1);
					w.resolve(line);
				}
		}
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr = (stderr + chunk).slice(-4000);
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const waitForLog = (match: (line: LogLine) => boolean, ms = 30_000) => {
		const found = logs.find(match);
		if (found) return Promise.resolve(found);
		return new Promise<LogLine>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no matching log line within ${ms} ms`)), ms);
			waiters.push({
				match,
				resolve: (line) => {
					clearTimeout(timer);
					resolve(line);
				},
			});
		});
	};
	const running = await Promise.race([
		waitForLog((l) => l.msg === 'Foyer is running', options.startTimeoutMs ?? 60_000),
		exited.then(({ code, signal }) => {
			throw new Error(`Foyer exited during its start (${code ?? signal}): ${stderr}`);
		}),
	]);
	return {
		child,
		pid: child.pid as number,
		logs,
		httpUrl: String(running.http),
		exited,
		kill: (signal) => child.kill(signal),
		waitForLog,
	};
}

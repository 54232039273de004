import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './crash-rig.ts';

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return typeof address === 'object' && address ? address.port : 0;
}

function pings(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(500);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(String(data).startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/**
 * A Redis of the test's own (never the shared one), that it can kill and start again on the same
 * port and data folder: an append-only file written on every command, as an operator who wants
 * BullMQ's delayed jobs to survive a Redis restart configures it (docs/operations.md).
 */
export class PrivateRedis {
	#child: ChildProcess | null = null;
	readonly #dir = mkdtempSync(join(tmpdir(), 'foyer-redis-'));

	private constructor(readonly port: number) {}

	static async start(): Promise<PrivateRedis> {
		const redis = new PrivateRedis(await freePort());
		await redis.up();
		return redis;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	async up(): Promise<void> {
		this.#child = spawn(
			'redis-server',
			[
				'--port',
				String(this.port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'always',
				'--dir',
				this.#dir,
			],
			{ stdio: 'ignore' },
		);
		const deadline = Date.now() + 10_000;
		while (!(await pings(this.port))) {
			if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port}`);
			await sleep(50);
		}
	}

	/** `kill -9`: whatever was not in the append-only file is gone. */
	async down(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
		this.#child = null;
	}

	async close(): Promise<void> {
		await this.down();
		rmSync(this.#dir, { recursive: true, force: true });
	}
}

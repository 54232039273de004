import { createInflate, createZstdDecompress } from 'node:zlib';
import WebSocket from 'ws';

export interface RawFrame {
	op: number;
	t: string | null;
	s: number | null;
	d: unknown;
}

/**
 * A bare gateway client for fidelity tests: no library between the test and the wire, so close
 * codes, opcodes and dispatch order are exactly what the emulator sent.
 */
export class RawGateway {
	readonly frames: RawFrame[] = [];
	closeCode: number | null = null;
	readonly #ws: WebSocket;
	readonly #waiters: (() => void)[] = [];

	private constructor(ws: WebSocket, compression: 'zlib-stream' | 'zstd-stream' | null) {
		this.#ws = ws;
		const push = (text: string) => {
			this.frames.push(JSON.parse(text) as RawFrame);
			for (const wake of this.#waiters.splice(0)) wake();
		};
		if (compression) {
			// One decompression context for the connection; each message is flushed, so a JSON document arrives whole.
			const inflate = compression === 'zlib-stream' ? createInflate() : createZstdDecompress();
			let buffer = '';
			inflate.on('data', (chunk: Buffer) => {
				buffer += chunk.toString();
				// zlib-stream: every message ends with a sync flush, so a complete JSON document arrives whole.
				try {
					push(buffer);
					buffer = '';
				} catch {
					// partial: wait for more
				}
			});
			ws.on('message', (data: Buffer) => inflate.write(data));
		} else ws.on('message', (data: Buffer) => push(data.toString()));
		ws.on('close', (code) => {
			this.closeCode = code;
			for (const wake of this.#waiters.splice(0)) wake();
		});
	}

	static async connect(url: string, query = '?v=10&encoding=json'): Promise<RawGateway> {
		const ws = new WebSocket(url + query);
		const compression = query.match(/compress=(zlib-stream|zstd-stream)/)?.[1] as
			| 'zlib-stream'
			| 'zstd-stream'
			| undefined;
		const gw = new RawGateway(ws, compression ?? null);
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		return gw;
	}

	send(op: number, d: unknown): void {
		this.#ws.send(JSON.stringify({ op, d }));
	}

	identify(token: string, intents: number, extra: Record<string, unknown> = {}): void {
		this.send(2, { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra });
	}

	dispatches(t?: string): RawFrame[] {
		return this.frames.filter((f) => f.op === 0 && (!t || f.t === t));
	}

	/** Waits until `predicate` holds over the received frames (or the socket closed). */
	async until(predicate: (gw: RawGateway) => boolean, timeoutMs = 3000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!predicate(this)) {
			if (Date.now() > deadline)
				throw new Error(
					`timed out; frames: ${this.frames.map((f) => f.t ?? `op${f.op}`).join(',')} close: ${this.closeCode}`,
				);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	close(): void {
		this.#ws.terminate();
	}

	/** Closes with a close frame and `code`, as a client shutting down (1000/1001) or resetting does. */
	closeWith(code: number): void {
		this.#ws.close(code);
	}
}

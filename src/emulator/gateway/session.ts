import { randomBytes } from 'node:crypto';
import { constants, createDeflate, createZstdCompress, type Deflate, type ZstdCompress } from 'node:zlib';
import type { WebSocket } from 'ws';
import type { EmApplication } from '../world/types.ts';

const BUFFER_LIMIT = 20_000;

/**
 * One gateway session. It outlives its socket: while disconnected it keeps numbering and buffering
 * the events addressed to it, so that a RESUME replays exactly what the client missed.
 */
export class GatewaySession {
	readonly id = randomBytes(16).toString('hex');
	seq = 0;
	socket: GatewayConnection | null = null;
	expiresAt = Number.POSITIVE_INFINITY;
	/** Guilds this session was told about, so GUILD_DELETE/CREATE stay consistent. */
	readonly guilds = new Set<string>();
	#frames: { s: number; json: string }[] = [];
	#start = 0;

	constructor(
		readonly app: EmApplication,
		readonly intents: number,
		readonly shard: [number, number],
		readonly largeThreshold: number,
	) {}

	/** Numbers, buffers and (if connected) sends one dispatch. `d` is pre-serialised JSON. */
	dispatch(t: string, dJson: string): void {
		const s = ++this.seq;
		const json = `{"op":0,"t":"${t}","s":${s},"d":${dJson}}`;
		this.#frames.push({ s, json });
		if (this.#frames.length - this.#start > BUFFER_LIMIT) {
			this.#start++;
			if (this.#start > BUFFER_LIMIT) {
				this.#frames = this.#frames.slice(this.#start);
				this.#start = 0;
			}
		}
		this.socket?.sendText(json);
	}

	/** Frames after `seq`, or null when some of them are no longer buffered. */
	framesAfter(seq: number): string[] | null {
		const first = this.#frames[this.#start];
		if (first && seq + 1 < first.s && seq < this.seq) return null;
		const out: string[] = [];
		for (let i = this.#start; i < this.#frames.length; i++) {
			const frame = this.#frames[i] as { s: number; json: string };
			if (frame.s > seq) out.push(frame.json);
		}
		return out;
	}

	acceptsShardOf(guildId: string | null): boolean {
		const [id, count] = this.shard;
		if (guildId === null) return id === 0;
		return Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
	}
}

export type TransportCompression = 'zlib-stream' | 'zstd-stream' | null;

/**
 * A socket, with optional transport compression: one compression context per connection, each
 * message flushed so that it decodes on its own (zlib ends it with 00 00 ff ff), as Discord does.
 */
export class GatewayConnection {
	session: GatewaySession | null = null;
	lastHeartbeat = Date.now();
	/** Set when the emulator closed the socket itself, so the close is not taken as the client's. */
	closedByServer = false;
	readonly #deflate: Deflate | ZstdCompress | null;
	readonly #flushKind: number;
	#chain: Promise<void> = Promise.resolve();

	constructor(
		readonly ws: WebSocket,
		compress: TransportCompression,
	) {
		this.#deflate =
			compress === 'zlib-stream'
				? createDeflate({ flush: constants.Z_SYNC_FLUSH })
				: compress === 'zstd-stream'
					? createZstdCompress()
					: null;
		this.#flushKind = compress === 'zstd-stream' ? constants.ZSTD_e_flush : constants.Z_SYNC_FLUSH;
	}

	sendText(json: string): void {
		if (this.ws.readyState !== 1) return;
		if (!this.#deflate) {
			this.ws.send(json);
			return;
		}
		const deflate = this.#deflate;
		this.#chain = this.#chain.then(
			() =>
				new Promise<void>((resolve) => {
					const chunks: Buffer[] = [];
					const onData = (chunk: Buffer) => chunks.push(chunk);
					deflate.on('data', onData);
					deflate.write(json);
					deflate.flush(this.#flushKind, () => {
						deflate.off('data', onData);
						if (this.ws.readyState === 1) this.ws.send(Buffer.concat(chunks));
						resolve();
					});
				}),
		);
	}

	send(payload: unknown): void {
		this.sendText(JSON.stringify(payload));
	}

	close(code: number, reason: string): void {
		this.closedByServer = true;
		this.#deflate?.close();
		if (this.ws.readyState <= 1) this.ws.close(code, reason);
	}

	terminate(): void {
		this.closedByServer = true;
		this.#deflate?.close();
		this.ws.terminate();
	}
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
	GatewayCloseCodes as Close,
	GatewayDispatchEvents as E,
	type GatewayGuildMembersChunkDispatchData,
	GatewayIntentBits as I,
	GatewayOpcodes as Op,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { basePermissions, channelPermissions } from '../world/permissions.ts';
import { memberPayload, messagePayload, userPayload } from '../world/serialize.ts';
import type { EmGuild } from '../world/types.ts';
import type { Dispatch, World } from '../world/world.ts';
import { ALL_INTENTS, applicationFlagsFor, PRIVILEGED_INTENTS } from './intents.ts';
import { GatewayConnection, GatewaySession, type TransportCompression } from './session.ts';

export interface GatewayOptions {
	heartbeatIntervalMs: number;
	/** How long a disconnected session stays resumable. */
	sessionTtlMs: number;
	/** READY's `resume_gateway_url`. */
	gatewayUrl(): string;
}

/** Discord's daily IDENTIFY allowance per application (Gateway, Session Start Limit). */
export const SESSION_START_TOTAL = 1000;
const SESSION_START_WINDOW_MS = 86_400_000;

export interface SessionStartLimit {
	total: number;
	remaining: number;
	reset_after: number;
	max_concurrency: number;
}

interface Frame {
	op: number;
	d: unknown;
}

/**
 * Gateway v10 on the emulator's HTTP port: HELLO, IDENTIFY, heartbeats, READY + GUILD_CREATE,
 * RESUME with replay, RECONNECT, sharding, intents and zlib-stream.
 */
export class Gateway {
	readonly sessions = new Map<string, GatewaySession>();
	readonly connections = new Set<GatewayConnection>();
	readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 4096 * 1024 });
	readonly #sweeper: NodeJS.Timeout;
	/** Events dispatched to sessions, for the benchmark and tests. */
	dispatched = 0;
	/** IDENTIFYs per application in the current 24 h window (world clock). */
	readonly #starts = new Map<string, { used: number; resetAt: number }>();

	constructor(
		readonly world: World,
		server: Server,
		readonly options: GatewayOptions,
	) {
		server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			if ((req.url ?? '').startsWith('/api') || (req.url ?? '').startsWith('/_emulator')) {
				socket.destroy();
				return;
			}
			this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, req));
		});
		world.onDispatch((event) => this.deliver(event));
		this.#sweeper = setInterval(() => this.#sweep(), 1_000);
		this.#sweeper.unref();
	}

	#accept(ws: WebSocket, req: IncomingMessage): void {
		const query = new URL(req.url ?? '/', 'ws://emulator').searchParams;
		const version = query.get('v');
		if (version && version !== '10' && version !== '9') {
			ws.close(Close.InvalidAPIVersion, 'Invalid API version');
			return;
		}
		const compress = query.get('compress');
		if (compress && compress !== 'zlib-stream' && compress !== 'zstd-stream') {
			ws.close(Close.DecodeError, 'Unsupported compression');
			return;
		}
		const conn = new GatewayConnection(ws, (compress as TransportCompression) ?? null);
		this.connections.add(conn);
		ws.on('message', (data, isBinary) => this.#onMessage(conn, data.toString(), isBinary));
		ws.on('close', (code) => this.#onClose(conn, code));
		ws.on('error', () => conn.terminate());
		conn.send({
			op: Op.Hello,
			d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['emulator'] },
			s: null,
			t: null,
		});
	}

	#onMessage(conn: GatewayConnection, text: string, isBinary: boolean): void {
		let frame: Frame;
		try {
			if (isBinary) throw new Error('binary');
			frame = JSON.parse(text) as Frame;
			if (typeof frame !== 'object' || frame === null || typeof frame.op !== 'number') throw new Error('shape');
		} catch {
			conn.close(Close.DecodeError, 'Error while decoding payload.');
			return;
		}
		switch (frame.op) {
			case Op.Heartbeat:
				conn.lastHeartbeat = Date.now();
				conn.send({ op: Op.HeartbeatAck, d: null, s: null, t: null });
				return;
			case Op.Identify:
				return this.#identify(conn, frame.d as Record<string, unknown>);
			case Op.Resume:
				return this.#resume(conn, frame.d as Record<string, unknown>);
			case Op.RequestGuildMembers:
				if (!conn.session) return conn.close(Close.NotAuthenticated, 'Not authenticated.');
				return this.#requestMembers(conn.session, frame.d as Record<string, unknown>);
			case Op.PresenceUpdate:
			case Op.VoiceStateUpdate:
			case Op.RequestSoundboardSounds:
				if (!conn.session) conn.close(Close.NotAuthenticated, 'Not authenticated.');
				return;
			default:
				conn.close(Close.UnknownOpcode, 'Unknown opcode.');
		}
	}

	#identify(conn: GatewayConnection, d: Record<string, unknown>): void {
		if (conn.session) return conn.close(Close.AlreadyAuthenticated, 'Already authenticated.');
		const app = typeof d?.token === 'string' ? this.world.appsByToken.get(d.token.replace(/^Bot /, '')) : undefined;
		if (!app) return conn.close(Close.AuthenticationFailed, 'Authentication failed.');
		// Past the daily limit Discord resets the bot's token, so the IDENTIFY fails authentication.
		if (this.sessionStartLimit(app.id).remaining <= 0)
			return conn.close(Close.AuthenticationFailed, 'Authentication failed.');
		const intents = d.intents;
		if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0)
			return conn.close(Close.InvalidIntents, 'Invalid intent(s).');
		if ((intents & PRIVILEGED_INTENTS & ~app.privilegedIntents) !== 0)
			return conn.close(Close.DisallowedIntents, 'Disallowed intent(s).');
		const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
		if (
			!Array.isArray(shard) ||
			shard.length !== 2 ||
			!Number.isInteger(shard[0]) ||
			!Number.isInteger(shard[1]) ||
			shard[1] < 1 ||
			shard[0] < 0 ||
			shard[0] >= shard[1]
		)
			return conn.close(Close.InvalidShard, 'Invalid shard.');
		const largeThreshold = Math.min(250, Math.max(50, Number(d.large_threshold ?? 50) || 50));
		this.#countStart(app.id);
		const session = new GatewaySession(app, intents, [shard[0], shard[1]], largeThreshold);
		this.sessions.set(session.id, session);
		this.#attach(conn, session);

		const guilds = this.world.guildsOfBot(app.botUserId).filter((g) => session.acceptsShardOf(g.id));
		for (const g of guilds) session.guilds.add(g.id);
		const bot = this.world.user(app.botUserId);
		session.dispatch(
			E.Ready,
			JSON.stringify({
				v: 10,
				user_settings: {},
				user: { ...userPayload(bot), verified: true, mfa_enabled: false, email: null },
				guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
				session_id: session.id,
				session_type: 'normal',
				resume_gateway_url: this.options.gatewayUrl(),
				shard: session.shard,
				application: { id: app.id, flags: applicationFlagsFor(app.privilegedIntents) },
				private_channels: [],
				relationships: [],
				presences: [],
				guild_join_requests: [],
				geo_ordered_rtc_regions: [],
				auth: {},
				_trace: ['emulator'],
			}),
		);
		if (intents & I.Guilds) {
			const includeMembers = (intents & I.GuildMembers) !== 0;
			for (const g of guilds) {
				session.dispatch(
					E.GuildCreate,
					JSON.stringify(this.world.guildCreateFor(g.id, app.id, includeMembers, largeThreshold)),
				);
			}
		}
	}

	#resume(conn: GatewayConnection, d: Record<string, unknown>): void {
		if (conn.session) return conn.close(Close.AlreadyAuthenticated, 'Already authenticated.');
		const session = typeof d?.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
		const token = typeof d?.token === 'string' ? d.token.replace(/^Bot /, '') : '';
		if (!session || session.expiresAt <= Date.now()) {
			conn.send({ op: Op.InvalidSession, d: false, s: null, t: null });
			return;
		}
		if (session.app.token !== token) return conn.close(Close.AuthenticationFailed, 'Authentication failed.');
		const frames = session.framesAfter(Number(d.seq ?? 0));
		if (!frames) {
			this.sessions.delete(session.id);
			conn.send({ op: Op.InvalidSession, d: false, s: null, t: null });
			return;
		}
		session.socket?.terminate();
		this.#attach(conn, session);
		for (const json of frames) conn.sendText(json);
		session.dispatch(E.Resumed, '{"_trace":["emulator"]}');
	}

	#attach(conn: GatewayConnection, session: GatewaySession): void {
		conn.session = session;
		session.socket = conn;
		session.expiresAt = Number.POSITIVE_INFINITY;
	}

	/**
	 * A client that closes with 1000 or 1001 ends its session; a socket dropped without a close
	 * frame (1006) or closed with another code leaves it resumable for `sessionTtlMs` (Gateway,
	 * Disconnecting).
	 */
	#onClose(conn: GatewayConnection, code: number): void {
		this.connections.delete(conn);
		const session = conn.session;
		if (!session || session.socket !== conn) return;
		session.socket = null;
		if (!conn.closedByServer && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
		else session.expiresAt = Date.now() + this.options.sessionTtlMs;
	}

	#requestMembers(session: GatewaySession, d: Record<string, unknown>): void {
		const world = this.world;
		const guildIds = Array.isArray(d.guild_id) ? (d.guild_id as string[]) : [String(d.guild_id)];
		const query = typeof d.query === 'string' ? d.query.toLowerCase() : null;
		const userIds = d.user_ids ? (Array.isArray(d.user_ids) ? (d.user_ids as string[]) : [String(d.user_ids)]) : null;
		if (!userIds && (query === null || query === '') && !(session.intents & I.GuildMembers)) {
			session.socket?.close(Close.DisallowedIntents, 'Disallowed intent(s).');
			return;
		}
		const limit = Number(d.limit ?? 0) || Number.POSITIVE_INFINITY;
		for (const guildId of guildIds) {
			const guild = world.guilds.get(guildId);
			if (!guild?.members.has(session.app.botUserId)) continue;
			let members = [...guild.members.values()];
			const notFound: string[] = [];
			if (userIds) {
				members = members.filter((m) => userIds.includes(m.userId));
				for (const id of userIds) if (!guild.members.has(id)) notFound.push(id);
			} else if (query)
				members = members.filter((m) => world.user(m.userId).username.toLowerCase().startsWith(query)).slice(0, limit);
			const chunkCount = Math.max(1, Math.ceil(members.length / 1000));
			for (let i = 0; i < chunkCount; i++) {
				const chunk = members.slice(i * 1000, (i + 1) * 1000);
				session.dispatch(
					E.GuildMembersChunk,
					JSON.stringify({
						guild_id: guildId,
						members: chunk.map((m) => memberPayload(m, world)),
						chunk_index: i,
						chunk_count: chunkCount,
						...(i === 0 && notFound.length ? { not_found: notFound } : {}),
						...(typeof d.nonce === 'string' ? { nonce: d.nonce } : {}),
					} satisfies GatewayGuildMembersChunkDispatchData),
				);
			}
		}
	}

	/** Routes one world event to every session that should see it. */
	deliver(event: Dispatch): void {
		const world = this.world;
		let shared: string | null = null;
		let stripped: string | null = null;
		for (const session of this.sessions.values()) {
			if (session.expiresAt <= Date.now()) continue;
			if (event.appId !== null && session.app.id !== event.appId) continue;
			if (event.intent !== null && !(session.intents & event.intent)) continue;
			if (!session.acceptsShardOf(event.guildId)) continue;
			if (event.guildId !== null && event.appId === null) {
				const guild = world.guilds.get(event.guildId);
				if (!guild?.members.has(session.app.botUserId)) continue;
				if (event.permissions && !holdsAny(world, guild, session.app.botUserId, event.permissions)) continue;
			}
			if (event.t === E.GuildCreate) {
				if (!event.guildId) continue;
				session.guilds.add(event.guildId);
				session.dispatch(
					E.GuildCreate,
					JSON.stringify(
						world.guildCreateFor(
							event.guildId,
							session.app.id,
							(session.intents & I.GuildMembers) !== 0,
							session.largeThreshold,
						),
					),
				);
				this.dispatched++;
				continue;
			}
			if (event.message) {
				const m = event.message;
				const full =
					m.guildId === null ||
					(session.intents & I.MessageContent) !== 0 ||
					m.authorId === session.app.botUserId ||
					m.pings.users.includes(session.app.botUserId);
				if (full) {
					shared ??= messageEventJson(this.world, event);
					session.dispatch(event.t, shared);
				} else {
					stripped ??= messageEventJson(this.world, event, true);
					session.dispatch(event.t, stripped);
				}
				this.dispatched++;
				continue;
			}
			shared ??= JSON.stringify(event.d, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
			session.dispatch(event.t, shared);
			this.dispatched++;
		}
	}

	/** `session_start_limit` of GET /gateway/bot; a high max_concurrency keeps discord.js from waiting 5 s per shard. */
	sessionStartLimit(appId: string): SessionStartLimit {
		const now = this.world.now();
		const window = this.#starts.get(appId);
		const live = window && window.resetAt > now ? window : null;
		return {
			total: SESSION_START_TOTAL,
			remaining: SESSION_START_TOTAL - (live?.used ?? 0),
			reset_after: live ? live.resetAt - now : SESSION_START_WINDOW_MS,
			max_concurrency: 16,
		};
	}

	#countStart(appId: string): void {
		const now = this.world.now();
		const window = this.#starts.get(appId);
		if (!window || window.resetAt <= now) this.#starts.set(appId, { used: 1, resetAt: now + SESSION_START_WINDOW_MS });
		else window.used++;
	}

	/** Drops the socket of matching sessions without a close frame: the client will RESUME. */
	drop(filter: { appId?: string; sessionId?: string } = {}): number {
		let dropped = 0;
		for (const session of this.sessions.values()) {
			if (filter.appId && session.app.id !== filter.appId) continue;
			if (filter.sessionId && session.id !== filter.sessionId) continue;
			if (session.socket) {
				session.socket.terminate();
				dropped++;
			}
		}
		return dropped;
	}

	/** Sends op 7 RECONNECT to matching sessions. */
	reconnect(filter: { appId?: string } = {}): number {
		let count = 0;
		for (const session of this.sessions.values()) {
			if (filter.appId && session.app.id !== filter.appId) continue;
			if (session.socket) {
				session.socket.send({ op: Op.Reconnect, d: null, s: null, t: null });
				count++;
			}
		}
		return count;
	}

	/** Sends op 9 INVALID_SESSION (not resumable) and forgets the sessions. */
	invalidate(filter: { appId?: string } = {}): number {
		let count = 0;
		for (const session of [...this.sessions.values()]) {
			if (filter.appId && session.app.id !== filter.appId) continue;
			session.socket?.send({ op: Op.InvalidSession, d: false, s: null, t: null });
			// The socket stays open without a session: Discord accepts a new IDENTIFY on it.
			if (session.socket) session.socket.session = null;
			this.sessions.delete(session.id);
			count++;
		}
		return count;
	}

	closeAll(code: number, reason: string): void {
		for (const conn of this.connections) conn.close(code, reason);
		this.sessions.clear();
	}

	close(): void {
		clearInterval(this.#sweeper);
		for (const conn of this.connections) conn.terminate();
		this.sessions.clear();
		this.#wss.close();
	}

	#sweep(): void {
		const now = Date.now();
		for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
		// Discord closes a connection that stops heartbeating; give clients a generous margin.
		const limit = this.options.heartbeatIntervalMs * 2 + 5_000;
		for (const conn of this.connections)
			if (conn.session && now - conn.lastHeartbeat > limit) conn.close(Close.SessionTimedOut, 'Session timed out.');
	}
}

/** Whether a bot holds one of the permissions an event needs, in its channel or guild-wide. */
function holdsAny(
	world: World,
	guild: EmGuild,
	botUserId: string,
	need: NonNullable<Dispatch['permissions']>,
): boolean {
	const channel = need.channelId ? world.channels.get(need.channelId) : undefined;
	const perms = channel ? channelPermissions(guild, channel, botUserId) : basePermissions(guild, botUserId);
	return need.anyOf.some((flag) => (perms & flag) === flag);
}

function messageEventJson(world: World, event: Dispatch, strip = false): string {
	const m = event.message;
	if (!m) return 'null';
	const payload = messagePayload(m, world) as unknown as Record<string, unknown>;
	if (m.guildId) {
		payload.guild_id = m.guildId;
		const member = world.guilds.get(m.guildId)?.members.get(m.authorId);
		if (member) payload.member = memberPayload(member, world, false);
	}
	if (strip) {
		payload.content = '';
		payload.embeds = [];
		payload.components = [];
		payload.attachments = [];
	}
	return JSON.stringify(payload);
}

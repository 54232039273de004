import { GatewayOpcodes } from 'discord-api-types/v10';
import WebSocket from 'ws';
import type { StoredSession } from './gateway-session-entity.ts';

/** A dispatch the gateway replayed: what happened while Foyer was not there. */
export interface ReplayedEvent {
	t: string;
	s: number;
	d: unknown;
}

export type DrainResult =
	| { resumed: true; events: ReplayedEvent[] }
	| { resumed: false; reason: string; events: ReplayedEvent[] };

export interface DrainOptions {
	token: string;
	/** Gives up when the gateway is silent this long (before RESUMED). */
	idleTimeoutMs?: number;
}

/**
 * Resumes a stored session on a connection of its own and collects what the gateway replays, up to
 * RESUMED, then ends the session (close 1000). Foyer's client itself has already identified anew:
 * resuming inside discord.js would leave it without READY (no user, no guild cache), so the missed
 * events are drained here and handed to the plugins by the core (see replay.ts). When the session is
 * no longer resumable (INVALID_SESSION, or a close before RESUMED) the result says why.
 */
export function drainSession(session: StoredSession, options: DrainOptions): Promise<DrainResult> {
	const url = new URL(session.resumeUrl);
	url.searchParams.set('v', '10');
	url.searchParams.set('encoding', 'json');
	const events: ReplayedEvent[] = [];
	return new Promise<DrainResult>((resolve) => {
		const ws = new WebSocket(url);
		let settled = false;
		let heartbeat: NodeJS.Timeout | null = null;
		let idle: NodeJS.Timeout | null = null;
		let lastSeq: number | null = session.sequence;
		const finish = (result: DrainResult) => {
			if (settled) return;
			settled = true;
			if (heartbeat) clearInterval(heartbeat);
			if (idle) clearTimeout(idle);
			// 1000: the old session is over (Discord stops keeping its events).
			if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'Drained');
			else ws.terminate();
			resolve(result);
		};
		const touch = () => {
			if (idle) clearTimeout(idle);
			idle = setTimeout(
				() => finish({ resumed: false, reason: 'the gateway stopped answering', events }),
				options.idleTimeoutMs ?? 15_000,
			);
		};
		touch();
		ws.on('message', (data) => {
			touch();
			let frame: { op: number; t?: string | null; s?: number | null; d?: unknown };
			try {
				frame = JSON.parse(String(data));
			} catch {
				return finish({ resumed: false, reason: 'undecodable frame', events });
			}
			if (typeof frame.s === 'number') lastSeq = frame.s;
			switch (frame.op) {
				case GatewayOpcodes.Hello: {
					const interval = (frame.d as { heartbeat_interval?: number })?.heartbeat_interval ?? 41_250;
					heartbeat = setInterval(
						() => ws.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: lastSeq })),
						interval,
					);
					ws.send(
						JSON.stringify({
							op: GatewayOpcodes.Resume,
							d: { token: options.token, session_id: session.sessionId, seq: session.sequence },
						}),
					);
					return;
				}
				case GatewayOpcodes.Dispatch:
					if (frame.t === 'RESUMED') return finish({ resumed: true, events });
					if (frame.t && typeof frame.s === 'number') events.push({ t: frame.t, s: frame.s, d: frame.d });
					return;
				case GatewayOpcodes.InvalidSession:
					return finish({ resumed: false, reason: 'the session is no longer resumable', events });
				case GatewayOpcodes.Reconnect:
					return finish({ resumed: false, reason: 'the gateway asked to reconnect during the replay', events });
				default:
					return;
			}
		});
		ws.on('close', (code) => finish({ resumed: false, reason: `closed with ${code} before RESUMED`, events }));
		ws.on('error', (error) => finish({ resumed: false, reason: error.message, events }));
	});
}

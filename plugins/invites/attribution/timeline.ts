import { ClockOffset } from './clock-offset.ts';
import type { CodeFacts, EngineOptions, Obs, ObsKind, TJoin } from './state.ts';
import { DEFAULT_OPTIONS } from './state.ts';
import {
	type AuditInviteEntry,
	type InviteCreated,
	type InviteState,
	joinKey,
	type MemberJoin,
	type VanityState,
} from './types.ts';

/** A snapshot saved by the plugin (Timeline.checkpoint) to resume from after downtime. */
export interface Checkpoint {
	invites: InviteState[];
	vanityUses: number | null;
	/** The newest audit-log entry id already read. */
	auditAfter: string | null;
	at: number;
}

export type AddJoinResult = 'new' | 'duplicate' | 'not-counted';

/**
 * The evidence of one guild, in the order it reached Foyer: counted joins (by position), invite
 * events, answered snapshots and audit-log entries. Pure state: no I/O, no timers. `decide.ts`
 * turns it into decisions.
 */
export class Timeline {
	readonly options: EngineOptions;
	/** Increases with every input; orders inputs against each other. */
	tick = 0;
	readonly joins: TJoin[] = [];
	readonly obs: Obs[] = [];
	readonly codes = new Map<string, CodeFacts>();
	readonly #keys = new Set<string>();
	readonly #pending = new Map<number, { kind: ObsKind; sentTick: number; sentAt: number; sent: number }>();
	#nextSeq = 0;
	/** Snapshots before this one were given up (evidence conflict or lost permission). */
	epochSeq = 0;
	/** Units already decided (their component closed). */
	readonly consumed = new Set<string>();
	/** Which snapshot kinds this guild has: no vanity URL, no vanity snapshots. */
	readonly kinds = new Set<ObsKind>(['invites']);
	auditCheckedTick = -1;
	auditAfter: string | null = null;
	maxJoinedAt = Number.NEGATIVE_INFINITY;
	/** The time of the current decision (set by decide), for the event-delay bound. */
	now: number | undefined;

	/** Long after snapshot `o`, every gateway event from before it has been received (EngineOptions.maxEventDelayMs). */
	eventsSurelyIn(o: Obs): boolean {
		const hi = this.offset.hi;
		if (this.maxJoinedAt > o.doneAt + hi) return true;
		return this.now !== undefined && this.now > o.doneAt + hi + this.options.maxEventDelayMs;
	}

	/** Discord's clock minus this machine's (bounds from what was observed). */
	readonly offset: ClockOffset;

	constructor(options: Partial<EngineOptions> = {}) {
		this.options = { ...DEFAULT_OPTIONS, ...options };
		this.offset = new ClockOffset(this.options.clockSkewMs);
	}

	/** Adds a join unless it is a repeat (same user and joined_at) or used no invite by nature. */
	addJoin(join: MemberJoin, offline = false, known?: (key: string) => boolean, receivedAt?: number): AddJoinResult {
		const key = joinKey(join);
		if (receivedAt !== undefined) this.offset.sawJoin(join.joinedAt, receivedAt);
		if (this.#keys.has(key) || known?.(key)) return 'duplicate';
		this.#keys.add(key);
		if (join.bot || join.addedByThisBot) return 'not-counted';
		this.tick++;
		this.joins.push({
			pos: this.joins.length + 1,
			key,
			userId: join.userId,
			joinedAt: join.joinedAt,
			roleIds: join.roleIds ?? [],
			offline,
			closed: false,
			decided: false,
			last: null,
		});
		this.maxJoinedAt = Math.max(this.maxJoinedAt, join.joinedAt);
		return 'new';
	}

	inviteCreated(ev: InviteCreated): void {
		this.tick++;
		const f = this.#facts(ev.code);
		f.inviterId ??= ev.inviterId;
		f.maxUses = ev.maxUses;
		f.expiresAt = ev.expiresAt;
		f.createdAt = ev.createdAt;
		if (ev.roleIds) f.roleIds = ev.roleIds;
		if (ev.targetUserIds) f.targetUserIds = ev.targetUserIds;
		f.created ??= { tick: this.tick, pos: this.joins.length };
	}

	inviteDeleted(code: string): void {
		this.tick++;
		const f = this.#facts(code);
		f.deleted ??= { tick: this.tick, pos: this.joins.length };
	}

	/** Audit-log INVITE_CREATE/DELETE entries newer than `auditAfter`, any order. */
	addAudit(entries: readonly AuditInviteEntry[]): void {
		this.tick++;
		for (const e of [...entries].sort((a, b) => compareSnowflakes(a.id, b.id))) {
			if (this.auditAfter && compareSnowflakes(e.id, this.auditAfter) <= 0) continue;
			this.auditAfter = e.id;
			const f = this.#facts(e.code);
			if (e.action === 'create') {
				f.auditCreate = e;
				f.inviterId ??= e.inviterId ?? null;
				if (e.maxUses !== undefined) f.maxUses = e.maxUses;
				f.createdAt ??= e.at;
				if (f.expiresAt === null && e.maxAgeSeconds) f.expiresAt = e.at + e.maxAgeSeconds * 1000;
			} else f.auditDelete = e;
		}
		this.auditCheckedTick = this.tick;
	}

	/** A snapshot request is about to be sent: every join received so far is in its answer. */
	beginObs(kind: ObsKind, now: number): number {
		this.tick++;
		const seq = this.#nextSeq++;
		this.#pending.set(seq, { kind, sentTick: this.tick, sentAt: now, sent: this.joins.length });
		return seq;
	}

	/** `serverDate`: the answer's `Date` header (ms), which ties Discord's clock to ours. */
	completeInvites(seq: number, invites: readonly InviteState[], now: number, serverDate?: number): void {
		const p = this.#pending.get(seq);
		if (p && serverDate !== undefined && Number.isFinite(serverDate))
			this.offset.sawServerDate(serverDate, p.sentAt, now);
		const map = new Map<string, InviteState>();
		for (const inv of invites) {
			map.set(inv.code, inv);
			const f = this.#facts(inv.code);
			f.inviterId ??= inv.inviterId;
			f.maxUses = inv.maxUses;
			f.expiresAt = inv.expiresAt;
			f.createdAt ??= inv.createdAt;
			if (inv.roleIds) f.roleIds = inv.roleIds;
			if (inv.targetUserIds) f.targetUserIds = inv.targetUserIds;
		}
		this.#complete(seq, now, { invites: map });
	}

	completeVanity(seq: number, vanity: VanityState, now: number): void {
		this.#complete(seq, now, { vanityUses: vanity.uses });
	}

	/** The request failed: it tells nothing. */
	failObs(seq: number): void {
		this.#pending.delete(seq);
	}

	#complete(seq: number, now: number, data: Pick<Obs, 'invites' | 'vanityUses'>): void {
		const p = this.#pending.get(seq);
		if (!p) return;
		this.#pending.delete(seq);
		this.tick++;
		if (seq < this.epochSeq) return;
		this.obs.push({
			seq,
			kind: p.kind,
			sentTick: p.sentTick,
			doneTick: this.tick,
			sentAt: p.sentAt,
			doneAt: now,
			sent: p.sent,
			...data,
		});
		this.obs.sort((a, b) => a.seq - b.seq);
	}

	/**
	 * Resume from a checkpoint saved before downtime: `offlineJoins` are the members who joined
	 * meanwhile (found at start), attributed from the uses that grew since, where the evidence allows.
	 * Call before any other input.
	 */
	resume(checkpoint: Checkpoint, offlineJoins: readonly MemberJoin[], known?: (key: string) => boolean): void {
		const seq = this.#nextSeq++;
		this.tick++;
		const map = new Map(checkpoint.invites.map((i) => [i.code, i] as const));
		for (const inv of checkpoint.invites) {
			const f = this.#facts(inv.code);
			f.inviterId ??= inv.inviterId;
			f.maxUses = inv.maxUses;
			f.expiresAt = inv.expiresAt;
			f.createdAt ??= inv.createdAt;
		}
		this.auditAfter = checkpoint.auditAfter;
		this.obs.push({
			seq,
			kind: 'invites',
			sentTick: this.tick,
			doneTick: this.tick,
			sentAt: checkpoint.at,
			doneAt: checkpoint.at,
			sent: 0,
			invites: map,
			...(checkpoint.vanityUses !== null ? { vanityUses: checkpoint.vanityUses } : {}),
			fixedN: 0,
			offline: true,
		});
		for (const j of [...offlineJoins].sort((a, b) => a.joinedAt - b.joinedAt)) this.addJoin(j, true, known);
	}

	/** Gives up on the snapshots so far: the next ones start afresh (joins still open are decided by the caller). */
	newEpoch(): void {
		this.epochSeq = this.#nextSeq;
		this.obs.length = 0;
		this.consumed.clear();
	}

	/** Completed snapshots of a kind in this epoch, oldest first. A checkpoint counts for both kinds. */
	epochObs(kind: ObsKind): Obs[] {
		return this.obs.filter(
			(o) => o.kind === kind || (o.fixedN !== undefined && kind === 'vanity' && o.vanityUses !== undefined),
		);
	}

	get inFlight(): number {
		return this.#pending.size;
	}

	#facts(code: string): CodeFacts {
		let f = this.codes.get(code);
		if (!f) {
			f = {
				code,
				inviterId: null,
				maxUses: 0,
				expiresAt: null,
				createdAt: null,
				roleIds: [],
				targetUserIds: [],
				learnedTick: this.tick,
			};
			this.codes.set(code, f);
		}
		return f;
	}
}

export function compareSnowflakes(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

import { decide } from './decide.ts';
import type { EngineOptions } from './state.ts';
import { type Checkpoint, Timeline } from './timeline.ts';
import type {
	AuditInviteEntry,
	InviteCreated,
	InviteState,
	JoinDecision,
	MemberJoin,
	UnknownReason,
	VanityState,
} from './types.ts';

/** The three reads the engine needs from Discord, for one guild. */
export interface InviteReader {
	/**
	 * GET /guilds/{id}/invites (with Manage Guild: uses, max_uses, expires_at...), with the answer's
	 * `Date` header when available (it lets the engine compare Discord's clock with this one).
	 */
	invites(): Promise<InviteState[] | { invites: InviteState[]; date?: number }>;
	/** GET /guilds/{id}/vanity-url; null when the guild has no vanity URL. */
	vanity(): Promise<VanityState | null>;
	/** Audit-log INVITE_CREATE and INVITE_DELETE entries newer than `after`. */
	auditLog(after: string | null): Promise<AuditInviteEntry[]>;
}

export interface TrackerClock {
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: TrackerClock = {
	now: () => Date.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface TrackerOptions extends Partial<EngineOptions> {
	onDecision: (d: JoinDecision) => void;
	/** Joins already recorded (before a restart): a repeated GUILD_MEMBER_ADD of one is ignored. */
	isKnownJoin?: (key: string) => boolean;
	/** REST budget: calls earned per join (0.5), at most `burst` saved, plus one per `refillMs` (500). */
	callsPerJoin?: number;
	burst?: number;
	refillMs?: number;
	/** Whether the guild has a vanity URL (the caller knows it from the guild's features). */
	vanity?: boolean;
	/** Called when a read failed for lack of permission (Manage Guild, View Audit Log). */
	onPermissionProblem?: (what: 'invites' | 'vanity' | 'audit') => void;
}

export interface TrackerStats {
	cycles: number;
	invitesCalls: number;
	vanityCalls: number;
	auditCalls: number;
	conflicts: number;
	doubted: number;
}

/** Follow-up snapshots sent with no new join, to close the last windows; then wait for input. */
const FOLLOW_UPS = 2;

/**
 * One guild's attribution, serialised: one snapshot request in flight at a time, sent as soon as a
 * join is waiting (paced to the invite route's bucket, within the REST budget), and one answer
 * serves every join received before it was sent. Decisions come out through `onDecision`.
 */
export class GuildTracker {
	readonly timeline: Timeline;
	readonly stats: TrackerStats = {
		cycles: 0,
		invitesCalls: 0,
		vanityCalls: 0,
		auditCalls: 0,
		conflicts: 0,
		doubted: 0,
	};
	#busy = false;
	#timer: unknown = null;
	#lateTimer: unknown = null;
	#lateFor = -1;
	#decideQueued = false;
	#lastInvitesSend = Number.NEGATIVE_INFINITY;
	#minIntervalMs = 0;
	#tokens: number;
	#refilledAt: number;
	#joinsSinceCycle = 0;
	#followUps = 0;
	#stopped = false;
	#blocked: UnknownReason | null = null;
	#started = false;
	/** A contradiction started a new epoch: take its first snapshot now, not at the next join. */
	#rebase = false;
	readonly #callsPerJoin: number;
	readonly #burst: number;
	readonly #refillMs: number;

	constructor(
		readonly reader: InviteReader,
		readonly clock: TrackerClock,
		readonly options: TrackerOptions,
	) {
		this.timeline = new Timeline(options);
		if (options.vanity) this.timeline.kinds.add('vanity');
		this.#callsPerJoin = options.callsPerJoin ?? 0.5;
		this.#burst = options.burst ?? 10;
		this.#refillMs = options.refillMs ?? 500;
		this.#tokens = this.#burst;
		this.#refilledAt = clock.now();
	}

	/** Takes the first snapshot (after a checkpoint: attributes the joins found at start). */
	async start(resume?: { checkpoint: Checkpoint; offlineJoins: readonly MemberJoin[] }): Promise<void> {
		if (resume) this.timeline.resume(resume.checkpoint, resume.offlineJoins, this.options.isKnownJoin);
		this.#started = true;
		await this.#cycle();
	}

	memberAdd(join: MemberJoin): 'new' | 'duplicate' | 'not-counted' {
		const r = this.timeline.addJoin(join, false, this.options.isKnownJoin, this.clock.now());
		if (r === 'not-counted') {
			const reason: UnknownReason = join.bot ? 'bot' : 'added-by-this-bot';
			this.options.onDecision({
				key: `${join.userId}:${join.joinedAt}`,
				userId: join.userId,
				joinedAt: join.joinedAt,
				attribution: { status: 'unknown', reason, candidates: [] },
				final: true,
			});
		}
		if (r !== 'new') return r;
		this.#tokens = Math.min(this.#burst, this.#tokens + this.#callsPerJoin);
		this.#joinsSinceCycle++;
		if (this.#blocked) this.#decideBlocked();
		else {
			this.#decideSoon();
			this.#schedule();
		}
		return r;
	}

	inviteCreate(ev: InviteCreated): void {
		this.timeline.inviteCreated(ev);
		this.#decideSoon();
	}

	inviteDelete(code: string): void {
		this.timeline.inviteDeleted(code);
		this.#decideSoon();
	}

	/** The periodic reconciliation (a scheduled task every few minutes): one snapshot even when quiet. */
	reconcile(): void {
		this.#followUps = 0;
		this.#schedule(true);
	}

	/** The invite route's bucket as discord.js saw it in the response headers: spread the fetches over it. */
	bucketHint(limit: number, windowMs: number): void {
		if (limit > 0 && windowMs > 0) this.#minIntervalMs = windowMs / limit;
	}

	/** Permissions came back (Manage Guild granted again): start afresh. */
	permissionsRestored(): void {
		if (!this.#blocked) return;
		this.#blocked = null;
		this.timeline.newEpoch();
		this.#schedule(true);
	}

	/**
	 * A snapshot that every join it counted has been decided against, to save and resume from after
	 * a restart (null while joins are open around every snapshot).
	 */
	checkpoint(): Checkpoint | null {
		const tl = this.timeline;
		const open = tl.joins.find((j) => !j.decided);
		const limit = open ? open.pos - 1 : tl.joins.length;
		const inv = tl.epochObs('invites').filter((o) => o.invites && o.sent >= 0);
		for (let i = inv.length - 1; i >= 0; i--) {
			const o = inv[i];
			if (!o?.invites || o.sent > limit) continue;
			// Exact: everything received before it was sent is in it, nothing after (nothing came since).
			const next = tl.joins[o.sent];
			if (next && next.joinedAt <= o.doneAt + tl.offset.hi) continue;
			let vanityUses: number | null = null;
			if (tl.kinds.has('vanity')) {
				const v = tl.obs.find(
					(x) => x.kind === 'vanity' && x.seq > o.seq && x.sent === o.sent && x.vanityUses !== undefined,
				);
				if (!v || v.vanityUses === undefined) continue;
				vanityUses = v.vanityUses;
			}
			return { invites: [...o.invites.values()], vanityUses, auditAfter: tl.auditAfter, at: o.doneAt };
		}
		return null;
	}

	stop(): void {
		this.#stopped = true;
		if (this.#timer) this.clock.clearTimeout(this.#timer);
		if (this.#lateTimer) this.clock.clearTimeout(this.#lateTimer);
		this.#timer = null;
		this.#lateTimer = null;
	}

	#refill(): void {
		const now = this.clock.now();
		const earned = Math.floor((now - this.#refilledAt) / this.#refillMs);
		if (earned > 0) {
			this.#tokens = Math.min(this.#burst, this.#tokens + earned);
			this.#refilledAt += earned * this.#refillMs;
		}
	}

	#schedule(force = false): void {
		if (this.#stopped || this.#busy || this.#timer || this.#blocked || !this.#started) return;
		const open = this.timeline.joins.some((j) => !j.decided);
		const want = force || this.#rebase || this.#joinsSinceCycle > 0 || (open && this.#followUps < FOLLOW_UPS);
		if (!want) return;
		this.#refill();
		const now = this.clock.now();
		let wait = Math.max(0, this.#lastInvitesSend + this.#minIntervalMs - now);
		if (this.#tokens < 1) wait = Math.max(wait, this.#refilledAt + this.#refillMs - now);
		this.#timer = this.clock.setTimeout(() => {
			this.#timer = null;
			this.#refill();
			if (this.#tokens < 1) return this.#schedule(force);
			void this.#cycle();
		}, wait);
	}

	async #cycle(): Promise<void> {
		if (this.#busy || this.#stopped) return;
		this.#busy = true;
		this.#rebase = false;
		const tl = this.timeline;
		const newJoins = this.#joinsSinceCycle > 0;
		this.#joinsSinceCycle = 0;
		this.#followUps = newJoins ? 0 : this.#followUps + 1;
		this.stats.cycles++;
		try {
			const seq = tl.beginObs('invites', this.clock.now());
			this.#lastInvitesSend = this.clock.now();
			this.#tokens--;
			this.stats.invitesCalls++;
			const answer = await this.#read(
				'invites',
				() => this.reader.invites(),
				() => tl.failObs(seq),
			);
			if (answer === undefined) return;
			const { invites, date } = Array.isArray(answer) ? { invites: answer, date: undefined } : answer;
			tl.completeInvites(seq, invites, this.clock.now(), date);
			if (tl.kinds.has('vanity')) {
				const vseq = tl.beginObs('vanity', this.clock.now());
				this.#tokens--;
				this.stats.vanityCalls++;
				const vanity = await this.#read(
					'vanity',
					() => this.reader.vanity(),
					() => tl.failObs(vseq),
				);
				if (vanity === undefined) return;
				if (vanity === null || vanity.code === null) {
					tl.failObs(vseq);
					tl.kinds.delete('vanity');
				} else tl.completeVanity(vseq, vanity, this.clock.now());
			}
			let r = decide(tl, { auditTried: false, now: this.clock.now() });
			this.#emit(r);
			// A join that came meanwhile will confirm the last snapshot for free (and another cycle follows).
			const auditNow =
				r.needAudit === 'deletion' ||
				r.needAudit === 'conflict' ||
				(r.needAudit === 'confirm' && this.#joinsSinceCycle === 0);
			if (auditNow && tl.options.auditLog) {
				this.#tokens--;
				this.stats.auditCalls++;
				const entries = await this.#read(
					'audit',
					() => this.reader.auditLog(tl.auditAfter),
					() => {},
				);
				if (entries !== undefined) tl.addAudit(entries);
				r = decide(tl, { auditTried: true, now: this.clock.now() });
				this.#emit(r);
			}
		} finally {
			this.#busy = false;
			this.#schedule();
			this.#closeLater();
		}
	}

	/** Joins still open after a quiet spell: decide again once every event from before has surely arrived. */
	#closeLater(): void {
		if (this.#lateTimer || this.#stopped || !this.timeline.joins.some((j) => !j.decided)) return;
		const o = this.timeline.obs.at(-1);
		if (!o) return;
		const wait = o.doneAt + this.timeline.offset.hi + this.timeline.options.maxEventDelayMs + 1 - this.clock.now();
		// Already past it for the newest snapshot: nothing more will come from waiting.
		if (wait <= 0 && this.#lateFor === o.seq) return;
		this.#lateFor = o.seq;
		this.#lateTimer = this.clock.setTimeout(
			() => {
				this.#lateTimer = null;
				this.#decideSoon();
				queueMicrotask(() => queueMicrotask(() => this.#closeLater()));
			},
			Math.max(0, wait),
		);
	}

	/** A read, or undefined when it failed (the snapshot is dropped; a permission problem blocks tracking). */
	async #read<T>(
		what: 'invites' | 'vanity' | 'audit',
		read: () => Promise<T>,
		failed: () => void,
	): Promise<T | undefined> {
		try {
			return await read();
		} catch (error) {
			failed();
			if (isPermissionError(error)) {
				this.options.onPermissionProblem?.(what);
				if (what === 'audit') this.timeline.options.auditLog = false;
				else if (what === 'vanity') this.timeline.kinds.delete('vanity');
				else {
					this.#blocked = 'no-permission';
					this.#decideBlocked();
				}
			}
			return undefined;
		}
	}

	#decideBlocked(): void {
		for (const j of this.timeline.joins) {
			if (j.closed) continue;
			j.closed = true;
			if (j.decided) continue;
			j.decided = true;
			j.last = { status: 'unknown', reason: this.#blocked ?? 'no-permission', candidates: [] };
			this.options.onDecision({ key: j.key, userId: j.userId, joinedAt: j.joinedAt, attribution: j.last, final: true });
		}
	}

	#decideSoon(): void {
		if (this.#decideQueued) return;
		this.#decideQueued = true;
		queueMicrotask(() => {
			this.#decideQueued = false;
			if (this.#busy || this.#blocked || this.timeline.obs.length === 0) return;
			// A contradiction is only acted on after the audit log was read (by the next cycle).
			const r = decide(this.timeline, { auditTried: !this.timeline.options.auditLog, now: this.clock.now() });
			this.#emit(r);
			if (r.needAudit) this.#schedule(true);
		});
	}

	#emit(r: ReturnType<typeof decide>): void {
		if (r.conflict) {
			this.stats.conflicts++;
			this.#rebase = true;
		}
		this.stats.doubted += r.doubted.length;
		for (const d of r.decisions) this.options.onDecision(d);
	}
}

function isPermissionError(error: unknown): boolean {
	const e = error as { status?: number; code?: number } | null;
	return e?.status === 403 || e?.code === 50013 || e?.code === 50001;
}

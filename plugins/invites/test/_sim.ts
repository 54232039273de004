import type { TrueCode, TrueJoin, TrueSnapshot } from '../attribution/oracle.ts';
import { GuildTracker, type InviteReader, type TrackerClock, type TrackerOptions } from '../attribution/tracker.ts';
import type { AuditInviteEntry, InviteState, JoinDecision, Source } from '../attribution/types.ts';

/** A deterministic random source (mulberry32). */
export function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
		chance: (p: number) => next() < p,
	};
}

interface SimInvite {
	code: string;
	inviterId: string | null;
	uses: number;
	maxUses: number;
	expiresAt: number | null;
	createdAt: number;
	targetUserIds: string[];
	alive: boolean;
}

export interface SimOptions {
	seed?: number;
	/** Gateway latency range (ms): events stay in order, each delayed. */
	latency?: [number, number];
	/** REST round trip range (ms); the snapshot is read halfway. */
	rtt?: [number, number];
	vanity?: boolean;
	/** Whether Discord writes an audit entry (actor null) when an invite is used up; the emulator does. */
	auditOnUseUp?: boolean;
	/** Discord's clock minus the tracker's (ms). */
	clockOffset?: number;
	/** The tracker has INVITE_CREATE/DELETE for every channel. */
	events?: boolean;
	auditLog?: boolean;
	tracker?: Partial<TrackerOptions>;
}

/**
 * Discord for one guild, simulated: invites with uses, max uses and expiry, the vanity URL, joins,
 * the gateway (in order, with latency) and the three REST reads (taken at one instant, answered
 * after a round trip). It drives a real GuildTracker on a virtual clock and records the truth.
 */
export class SimGuild {
	now = 1_700_000_000_000;
	readonly invites = new Map<string, SimInvite>();
	vanityUses = 0;
	readonly audit: AuditInviteEntry[] = [];
	readonly truth = new Map<string, Source | { kind: 'none' }>();
	readonly trueJoins: TrueJoin[] = [];
	readonly snapshots: TrueSnapshot[] = [];
	readonly trueCodes = new Map<string, TrueCode>();
	readonly decisions = new Map<string, JoinDecision>();
	readonly emitted: JoinDecision[] = [];
	tracker: GuildTracker;
	readonly r: ReturnType<typeof rng>;
	#queue: { at: number; seq: number; fn: () => void }[] = [];
	#seq = 0;
	#gatewayAt = 0;
	#auditId = 1_000_000;
	#codeN = 0;
	#userN = 0;
	readonly o: Required<Omit<SimOptions, 'tracker' | 'seed'>>;

	constructor(options: SimOptions = {}) {
		this.r = rng(options.seed ?? 1);
		this.o = {
			latency: options.latency ?? [5, 40],
			rtt: options.rtt ?? [20, 80],
			vanity: options.vanity ?? false,
			auditOnUseUp: options.auditOnUseUp ?? false,
			events: options.events ?? true,
			auditLog: options.auditLog ?? true,
			clockOffset: options.clockOffset ?? 0,
		};
		const clock: TrackerClock = {
			now: () => this.now,
			setTimeout: (fn, ms) => this.at(this.now + Math.max(0, ms), fn),
			clearTimeout: (h) => {
				this.#queue = this.#queue.filter((e) => e !== h);
			},
		};
		const reader: InviteReader = {
			invites: () =>
				this.#rest(() => {
					this.snapshots.push({ kind: 'invites', joinsBefore: this.trueJoins.length });
					const invites = [...this.invites.values()].filter((i) => this.#live(i)).map((i) => this.#state(i));
					return { invites, date: Math.floor(this.discordNow() / 1000) * 1000 };
				}),
			vanity: () =>
				this.#rest(() => {
					this.snapshots.push({ kind: 'vanity', joinsBefore: this.trueJoins.length });
					return this.o.vanity ? { code: 'vanity', uses: this.vanityUses } : null;
				}),
			auditLog: (after) =>
				this.#rest(() =>
					this.audit.filter((e) => after === null || BigInt(e.id) > BigInt(after)).map((e) => ({ ...e })),
				),
		};
		this.#make = () =>
			new GuildTracker(reader, clock, {
				inviteEventsComplete: this.o.events,
				auditLog: this.o.auditLog,
				vanity: this.o.vanity,
				...options.tracker,
				onDecision: (d) => {
					(globalThis as { __simDebug?: (g: SimGuild, d: JoinDecision) => void }).__simDebug?.(this, d);
					this.emitted.push(d);
					this.decisions.set(d.key, d);
				},
			});
		this.tracker = this.#make();
	}

	readonly #make: () => GuildTracker;
	#offlineSince: number | null = null;
	readonly #left = new Set<string>();

	/** Foyer goes down: no more events reach it until comeBack(). */
	goOffline() {
		this.tracker.stop();
		this.#offlineSince = this.trueJoins.length;
	}

	/** Foyer starts again from a checkpoint; the members who joined meanwhile (and are still there) are found at start. */
	async comeBack(checkpoint: NonNullable<ReturnType<GuildTracker['checkpoint']>>) {
		const since = this.#offlineSince ?? this.trueJoins.length;
		this.#offlineSince = null;
		this.tracker = this.#make();
		const offlineJoins = this.trueJoins
			.slice(since)
			.filter((j) => !this.#left.has(j.userId))
			.map((j) => ({ userId: j.userId, joinedAt: j.joinedAt }));
		await this.start({ checkpoint, offlineJoins });
	}

	/** The member leaves (while Foyer is offline: it never hears of them). */
	leave(userId: string) {
		this.#left.add(userId);
	}

	/** Starts tracking (the first snapshot) and lets it complete. */
	async start(resume?: Parameters<GuildTracker['start']>[0]) {
		void this.tracker.start(resume);
		await this.settle(2_000);
	}

	at(time: number, fn: () => void) {
		const e = { at: time, seq: this.#seq++, fn };
		this.#queue.push(e);
		return e;
	}

	/** Discord's clock. */
	discordNow(): number {
		return this.now + this.o.clockOffset;
	}

	#live(i: SimInvite): boolean {
		return i.alive && (i.expiresAt === null || i.expiresAt > this.discordNow());
	}

	#state(i: SimInvite): InviteState {
		return {
			code: i.code,
			uses: i.uses,
			maxUses: i.maxUses,
			expiresAt: i.expiresAt,
			createdAt: i.createdAt,
			inviterId: i.inviterId,
			...(i.targetUserIds.length ? { targetUserIds: [...i.targetUserIds] } : {}),
		};
	}

	#rest<T>(read: () => T): Promise<T> {
		const [lo, hi] = this.o.rtt;
		const rtt = this.r.int(lo, hi);
		return new Promise((resolve) => {
			let value: T;
			this.at(this.now + rtt / 2, () => {
				value = read();
			});
			this.at(this.now + rtt, () => resolve(value));
		});
	}

	/** Delivers a gateway event after the ones before it, with latency. */
	#gateway(fn: () => void) {
		if (this.#offlineSince !== null) return;
		const [lo, hi] = this.o.latency;
		this.#gatewayAt = Math.max(this.#gatewayAt, this.now + this.r.int(lo, hi));
		this.at(this.#gatewayAt, fn);
	}

	createInvite(
		opts: { inviterId?: string | null; maxUses?: number; maxAgeMs?: number | null; targets?: string[] } = {},
	) {
		const code = `c${++this.#codeN}`;
		const inv: SimInvite = {
			code,
			inviterId: opts.inviterId === undefined ? `inviter${this.#codeN}` : opts.inviterId,
			uses: 0,
			maxUses: opts.maxUses ?? 0,
			expiresAt: opts.maxAgeMs ? this.discordNow() + opts.maxAgeMs : null,
			createdAt: this.discordNow(),
			targetUserIds: opts.targets ?? [],
			alive: true,
		};
		this.invites.set(code, inv);
		this.trueCodes.set(code, {
			code,
			inviterId: inv.inviterId,
			createdAt: inv.createdAt,
			expiresAt: inv.expiresAt,
			targetUserIds: inv.targetUserIds,
			...(this.o.events ? { createdAfterJoins: this.trueJoins.length } : {}),
		});
		this.audit.push({
			id: String(++this.#auditId),
			action: 'create',
			code,
			actorId: inv.inviterId,
			at: this.discordNow(),
			inviterId: inv.inviterId,
			maxUses: inv.maxUses,
			maxAgeSeconds: inv.expiresAt === null ? 0 : Math.round((inv.expiresAt - this.discordNow()) / 1000),
		});
		if (this.o.events) {
			const ev = {
				code,
				inviterId: inv.inviterId,
				maxUses: inv.maxUses,
				expiresAt: inv.expiresAt,
				createdAt: inv.createdAt,
			};
			this.#gateway(() => this.tracker.inviteCreate(ev));
		}
		return code;
	}

	deleteInvite(code: string, actorId = 'moderator') {
		const inv = this.invites.get(code);
		if (!inv || !this.#live(inv)) return;
		this.#remove(inv, actorId);
	}

	#remove(inv: SimInvite, actorId: string | null) {
		inv.alive = false;
		const tc = this.trueCodes.get(inv.code);
		if (tc && this.o.events) tc.deletedAfterJoins = this.trueJoins.length;
		if (actorId !== null || this.o.auditOnUseUp)
			this.audit.push({
				id: String(++this.#auditId),
				action: 'delete',
				code: inv.code,
				actorId,
				at: this.discordNow(),
				uses: inv.uses,
			});
		if (this.o.events) this.#gateway(() => this.tracker.inviteDelete(inv.code));
	}

	liveCodes(): string[] {
		return [...this.invites.values()].filter((i) => this.#live(i)).map((i) => i.code);
	}

	newUser(): string {
		return `u${++this.#userN}`;
	}

	/** A user joins through a live code, the vanity URL, or nothing (as from Server Discovery). */
	join(via: string | 'vanity' | 'none', userId = this.newUser()): boolean {
		let source: Source | { kind: 'none' };
		if (via === 'vanity') {
			if (!this.o.vanity) return false;
			this.vanityUses++;
			source = { kind: 'vanity' };
		} else if (via === 'none') source = { kind: 'none' };
		else {
			const inv = this.invites.get(via);
			if (!inv || !this.#live(inv)) return false;
			if (inv.targetUserIds.length && !inv.targetUserIds.includes(userId)) return false;
			inv.uses++;
			source = { kind: 'invite', code: inv.code, inviterId: inv.inviterId };
		}
		const joinedAt = this.discordNow();
		this.truth.set(`${userId}:${joinedAt}`, source);
		this.trueJoins.push({ userId, joinedAt, source });
		this.#gateway(() => this.tracker.memberAdd({ userId, joinedAt }));
		if (via !== 'vanity' && via !== 'none') {
			const inv = this.invites.get(via) as SimInvite;
			if (inv.maxUses > 0 && inv.uses >= inv.maxUses) this.#remove(inv, null);
		}
		return true;
	}

	/** Discord sends GUILD_MEMBER_ADD again for a member. */
	resend(userId: string, joinedAt: number) {
		this.#gateway(() => this.tracker.memberAdd({ userId, joinedAt }));
	}

	/** Runs events until `until` (virtual ms), letting the tracker's promises settle between them. */
	async run(until: number) {
		for (;;) {
			this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const e = this.#queue[0];
			if (!e || e.at > until) break;
			this.#queue.shift();
			this.now = Math.max(this.now, e.at);
			e.fn();
			for (let i = 0; i < 6; i++) await Promise.resolve();
		}
		this.now = Math.max(this.now, until);
	}

	async settle(ms = 30_000) {
		await this.run(this.now + ms);
	}

	/** Wrong attributions (the worst outcome) and how the rest ended up. */
	score() {
		let wrong = 0;
		let attributed = 0;
		let ambiguous = 0;
		let unknown = 0;
		let pending = 0;
		let missingTruthInCandidates = 0;
		for (const [key, truth] of this.truth) {
			const d = this.decisions.get(key);
			if (!d) {
				pending++;
				continue;
			}
			const a = d.attribution;
			if (a.status === 'attributed') {
				attributed++;
				const ok =
					a.source === 'vanity'
						? truth.kind === 'vanity'
						: truth.kind === 'invite' && truth.inviterId === a.inviterId && (a.code === null || a.code === truth.code);
				if (!ok) wrong++;
			} else if (a.status === 'ambiguous') {
				ambiguous++;
				const has = a.candidates.some((c) =>
					c.unseen
						? true
						: c.code === null
							? truth.kind === 'vanity'
							: truth.kind === 'invite' && truth.code === c.code,
				);
				if (!has) missingTruthInCandidates++;
			} else if (a.status === 'unknown') unknown++;
			else pending++;
		}
		const finals = new Map<string, JoinDecision>();
		let changedAfterFinal = 0;
		for (const d of this.emitted) {
			const prev = finals.get(d.key);
			if (prev && JSON.stringify(prev.attribution) !== JSON.stringify(d.attribution)) changedAfterFinal++;
			if (d.final) finals.set(d.key, d);
		}
		return {
			joins: this.truth.size,
			wrong,
			attributed,
			ambiguous,
			unknown,
			pending,
			missingTruthInCandidates,
			changedAfterFinal,
		};
	}
}

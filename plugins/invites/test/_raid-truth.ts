import type { TestFoyer } from 'foyer/testing';
import { codeAdmits } from '../attribution/candidates.ts';
import { oracleBound, type TrueCode, type TrueJoin, type TrueSnapshot } from '../attribution/oracle.ts';
import { feasibleAssignments, type JoinClass, type UnitBucket } from '../attribution/solver.ts';
import { DEFAULT_OPTIONS, type Obs } from '../attribution/state.ts';
import { joinKey } from '../attribution/types.ts';
import type { JoinRecord } from '../records/join-record.ts';

type Emulator = TestFoyer['emulator'];

/**
 * The ground truth of one guild, read from an in-process emulator from now on: every join with the
 * code it really used (the emulator's `joinedVia`), every code with the joins before its
 * INVITE_CREATE / INVITE_DELETE, and how many joins had happened when each snapshot of the watched
 * bot (`appId`) was taken. Used by the raid test and by bench:invites in plugin mode.
 */
export function recordTruth(emulator: Emulator, guildId: string, appId: string) {
	const world = emulator.world;
	const guild = world.guild(guildId);
	const joins: TrueJoin[] = [];
	const seen = new Set<string>();
	const codes = new Map<string, TrueCode>();
	const snapshots: TrueSnapshot[] = [];
	const noteCode = (code: string, inviterId: string | null, createdAt: number, maxAgeS: number) => {
		if (codes.has(code)) return;
		codes.set(code, {
			code,
			inviterId,
			createdAt,
			expiresAt: maxAgeS > 0 ? createdAt + maxAgeS * 1000 : null,
			createdAfterJoins: joins.length,
		});
	};
	for (const inv of world.invites.values())
		if (inv.guildId === guildId) noteCode(inv.code, inv.inviterId, inv.createdAt, inv.maxAge);
	const off = world.onDispatch((e) => {
		if (e.guildId !== guildId) return;
		if (e.t === 'GUILD_MEMBER_ADD') {
			const d = e.d as { user: { id: string }; joined_at: string };
			const join = { userId: d.user.id, joinedAt: Date.parse(d.joined_at) };
			// Discord may send GUILD_MEMBER_ADD again for the same join: one join all the same.
			if (seen.has(joinKey(join))) return;
			seen.add(joinKey(join));
			const via = guild.members.get(join.userId)?.joinedVia;
			const source: TrueJoin['source'] =
				via?.type === 'invite'
					? { kind: 'invite', code: via.code, inviterId: codes.get(via.code)?.inviterId ?? null }
					: via?.type === 'vanity'
						? { kind: 'vanity' }
						: { kind: 'none' };
			joins.push({ ...join, source });
		} else if (e.t === 'INVITE_CREATE') {
			const d = e.d as { code: string; inviter?: { id: string }; created_at: string; max_age: number };
			noteCode(d.code, d.inviter?.id ?? null, Date.parse(d.created_at), d.max_age);
		} else if (e.t === 'INVITE_DELETE') {
			const c = codes.get((e.d as { code: string }).code);
			if (c && c.deletedAfterJoins === undefined) c.deletedAfterJoins = joins.length;
		}
	});
	// The log entry is added right after the route handler read the world, before any other join.
	const log = emulator.requests;
	const add = log.add;
	log.add = (entry) => {
		if (entry.appId === appId && entry.status === 200 && entry.path.includes(guildId)) {
			if (entry.route === '/guilds/:guild_id/invites') snapshots.push({ kind: 'invites', joinsBefore: joins.length });
			else if (entry.route === '/guilds/:guild_id/vanity-url')
				snapshots.push({ kind: 'vanity', joinsBefore: joins.length });
		}
		add.call(log, entry);
	};
	return {
		joins,
		codes,
		snapshots,
		oracle: () => oracleBound(joins, snapshots, [...codes.values()]),
		stop() {
			off();
			log.add = add;
		},
	};
}

export type Truth = ReturnType<typeof recordTruth>;

/** What was credited for a join, as stored or as decided. */
export type Credited =
	| { status: 'attributed'; vanity: boolean; inviterId: string | null }
	| { status: 'ambiguous' | 'unknown' | 'offline' | 'pending' | 'missing' };

export function creditedOf(record: JoinRecord | null | undefined): Credited {
	if (!record) return { status: 'missing' };
	if (record.source === 'invite') return { status: 'attributed', vanity: false, inviterId: record.inviterId };
	if (record.source === 'vanity') return { status: 'attributed', vanity: true, inviterId: null };
	return { status: record.source };
}

export function isRight(truth: TrueJoin['source'], credited: { vanity: boolean; inviterId: string | null }): boolean {
	if (credited.vanity) return truth.kind === 'vanity';
	return truth.kind === 'invite' && truth.inviterId === credited.inviterId;
}

export interface Score {
	joins: number;
	attributed: number;
	wrong: number;
	ambiguous: number;
	unknown: number;
	offline: number;
	pending: number;
	missing: number;
	/** Attributed joins per inviter (the truth's inviter, right ones only). */
	perInviter: Map<string, number>;
}

/** Scores what was credited for each true join (by its engine key) against the truth. */
export function score(joins: readonly TrueJoin[], creditedFor: (key: string) => Credited): Score {
	const s: Score = {
		joins: joins.length,
		attributed: 0,
		wrong: 0,
		ambiguous: 0,
		unknown: 0,
		offline: 0,
		pending: 0,
		missing: 0,
		perInviter: new Map(),
	};
	for (const t of joins) {
		const c = creditedFor(joinKey(t));
		if (c.status !== 'attributed') {
			s[c.status]++;
			continue;
		}
		s.attributed++;
		if (!isRight(t.source, c)) s.wrong++;
		else if (t.source.kind === 'invite' && t.source.inviterId)
			s.perInviter.set(t.source.inviterId, (s.perInviter.get(t.source.inviterId) ?? 0) + 1);
	}
	return s;
}

/** Discord's `Date` header has whole seconds: no tracker orders a join and a read closer than this by time. */
const DATE_RESOLUTION_MS = 1_000;

/**
 * The oracle bound (attribution/oracle.ts) with the boundaries a real tracker sees: the uses per
 * window are still exact, but a join the bot received after it sent a snapshot request, and that
 * happened less than the request's clock uncertainty after its answer came back (a `Date` second
 * plus the request's round trip), may be on either side of that snapshot: a gateway event may
 * overtake or trail a REST answer. `sent` are the bot's snapshot requests as it timed them (its
 * timeline's answered observations, in order), `receivedPos` the position at which the bot received
 * each join (by engine key). No tracker timing its requests so could decide more.
 */
export function boundaryOracle(
	truth: Pick<Truth, 'joins' | 'snapshots' | 'codes'>,
	sent: readonly Pick<Obs, 'kind' | 'sent' | 'sentAt' | 'doneAt'>[],
	receivedPos: ReadonlyMap<string, number>,
): { covered: number; bound: number } {
	const { joins, snapshots } = truth;
	const facts = truth.codes;
	const kinds = [...new Set(snapshots.map((s) => s.kind))];
	// The bot's last requests of each kind are the snapshots the truth saw (it started watching later).
	const cuts = new Map(
		kinds.map((k) => {
			const seen = snapshots.filter((s) => s.kind === k);
			const timed = sent.filter((o) => o.kind === k).slice(-seen.length);
			if (timed.length !== seen.length) throw new Error(`${k}: ${seen.length} snapshots, ${timed.length} timed`);
			return [k, seen.map((s, i) => ({ at: s.joinsBefore, obs: timed[i] as (typeof timed)[number] }))] as const;
		}),
	);
	const uncertain = (j: TrueJoin, c: { obs: Pick<Obs, 'sent' | 'sentAt' | 'doneAt'> }) =>
		(receivedPos.get(joinKey(j)) ?? Number.POSITIVE_INFINITY) > c.obs.sent &&
		j.joinedAt <= c.obs.doneAt + DATE_RESOLUTION_MS + (c.obs.doneAt - c.obs.sentAt);
	/** The windows (1..n-1: between cut i-1 and cut i) a join may be in; 0 and n are outside them. */
	const windowsOf = (kind: TrueSnapshot['kind'], j: TrueJoin, pos: number): number[] => {
		const c = cuts.get(kind) ?? [];
		let w = 0;
		while (w < c.length && (c[w] as { at: number }).at < pos) w++;
		const out = [w];
		for (let i = w - 1; i >= 0 && uncertain(j, c[i] as never); i--) out.push(i);
		for (let i = w; i < c.length && uncertain(j, c[i] as never); i++) out.push(i + 1);
		return out;
	};
	const n = (kind: TrueSnapshot['kind']) => cuts.get(kind)?.length ?? 0;
	const keyOf = (kind: TrueSnapshot['kind'], w: number, code?: string) =>
		kind === 'vanity' ? `v${w}` : `i${w}:${code}`;
	const counts = new Map<string, number>();
	const trueKey = (j: TrueJoin, pos: number): string | null => {
		if (j.source.kind === 'none') return null;
		const kind = j.source.kind === 'vanity' ? 'vanity' : 'invites';
		const w = windowsOf(kind, j, pos)[0] as number;
		return keyOf(kind, w, j.source.kind === 'invite' ? j.source.code : undefined);
	};
	joins.forEach((j, i) => {
		const key = trueKey(j, i + 1);
		if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
	});
	const classes = new Map<string, JoinClass>();
	const openEnded = new Set<string>();
	let covered = 0;
	joins.forEach((j, i) => {
		const pos = i + 1;
		const windows = new Map(kinds.map((k) => [k, windowsOf(k, j, pos)] as const));
		const inside = [...windows].every(([k, ws]) => (ws[0] as number) > 0 && (ws[0] as number) < n(k));
		let id: string;
		if (!inside) {
			// Outside the snapshots: it holds its own unit, as in the oracle.
			const key = trueKey(j, pos);
			if (!key) return;
			id = `fixed:${key}`;
			const c = classes.get(id) ?? { id, size: 0, candidates: [key] };
			classes.set(id, { ...c, size: c.size + 1 });
			return;
		}
		covered++;
		const cands: string[] = [];
		for (const [key] of counts) {
			const kind = key.startsWith('v') ? 'vanity' : 'invites';
			const w = Number(kind === 'vanity' ? key.slice(1) : key.slice(1).split(':')[0]);
			if (!windows.get(kind)?.includes(w) || w === 0 || w === n(kind)) continue;
			if (kind === 'invites') {
				const f = facts.get(key.split(':')[1] as string);
				const admits =
					!f ||
					codeAdmits(
						DEFAULT_OPTIONS,
						{
							...(f.createdAfterJoins !== undefined ? { created: { tick: 0, pos: f.createdAfterJoins } } : {}),
							...(f.deletedAfterJoins !== undefined ? { deleted: { tick: 0, pos: f.deletedAfterJoins } } : {}),
							createdAt: f.createdAt,
							expiresAt: f.expiresAt,
							targetUserIds: f.targetUserIds ?? [],
							roleIds: f.roleIds ?? [],
						},
						{ pos, identity: { userId: j.userId, joinedAt: j.joinedAt, roleIds: [] } },
						new Set(),
					);
				if (!admits) continue;
			}
			cands.push(key);
		}
		// A join that may lie beyond the first or last snapshot may be one no window counts.
		const edge = [...windows].some(([k, ws]) => ws.some((w) => w === 0 || w === n(k)));
		id = cands.sort().join(',') + (edge ? '|edge' : '');
		if (edge) openEnded.add(id);
		const c = classes.get(id) ?? { id, size: 0, candidates: edge ? [...cands, 'outside'] : cands };
		classes.set(id, { ...c, size: c.size + 1 });
	});
	const buckets: UnitBucket[] = [
		...[...counts].map(([id, k]) => ({ id, lo: k, hi: k })),
		{ id: 'outside', lo: 0, hi: Number.POSITIVE_INFINITY },
	];
	const r = feasibleAssignments(buckets, [...classes.values()]);
	if (!r.ok) throw new Error('boundary oracle: the ground truth is not consistent with its own counts');
	const credit = (key: string): string => {
		if (key.startsWith('v')) return 'vanity';
		const code = key.split(':')[1] as string;
		const inviter = facts.get(code)?.inviterId;
		return inviter ? `user:${inviter}` : `code:${code}`;
	};
	let bound = 0;
	for (const c of classes.values()) {
		if (c.id.startsWith('fixed:')) continue;
		if (openEnded.has(c.id)) {
			bound += c.size;
			continue;
		}
		const credits = new Set([...(r.possible.get(c.id) ?? [])].map(credit));
		if (credits.size !== 1) bound += c.size;
	}
	return { covered, bound };
}

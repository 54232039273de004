import type { CodeFacts, EngineOptions, Obs, TJoin, Unit } from './state.ts';
import type { Timeline } from './timeline.ts';

/** What a join (or a join not received yet, `identity` null) is known by. */
export interface Occupant {
	pos: number;
	identity: Pick<TJoin, 'userId' | 'joinedAt' | 'roleIds'> | null;
}

/**
 * The units a join at this position may be one of. Evidence rules, each a fact about Discord:
 * - positions: it lies between the snapshots of the unit's window (see cuts.ts);
 * - INVITE_CREATE order: a join received before a code's INVITE_CREATE did not use it;
 * - INVITE_DELETE order: a join received after a code's INVITE_DELETE did not use it;
 * - Discord's clock: not before the code's created_at, not at or after its expires_at, and not
 *   before/after the window's snapshots were taken (clocks compared through Timeline.offset);
 * - an invite limited to listed users was used by one of them;
 * - (opt-in) the roles in GUILD_MEMBER_ADD are those of the role-granting invite used.
 */
export function candidatesOf(
	tl: Timeline,
	who: Occupant,
	units: readonly Unit[],
	obsBySeq: Map<number, Obs>,
): string[] {
	const out: string[] = [];
	for (const u of units) {
		if (!(u.from < who.pos && who.pos <= u.to)) continue;
		if (u.source === 'void') continue;
		const id = who.identity;
		if (id && !inWindowByClock(tl, id.joinedAt, u, obsBySeq)) continue;
		if (u.code !== undefined) {
			const f = tl.codes.get(u.code);
			if (f && !codeAdmits(tl.options, f, who, inviteRoles(tl))) continue;
		} else if (u.source === 'vanity' && id && tl.options.rolesAtJoinFromInvite && hasInviteRole(tl, id.roleIds))
			continue;
		out.push(u.id);
	}
	return out;
}

function inWindowByClock(tl: Timeline, joinedAt: number, u: Unit, obsBySeq: Map<number, Obs>): boolean {
	if (u.source === 'open' || u.source === 'before') return true;
	const start = u.startSeq >= 0 ? obsBySeq.get(u.startSeq) : undefined;
	const end = Number.isFinite(u.endSeq) ? obsBySeq.get(u.endSeq) : undefined;
	if (start && start.fixedN === undefined && joinedAt < start.sentAt + tl.offset.lo) return false;
	if (end && joinedAt > end.doneAt + tl.offset.hi) return false;
	return true;
}

/** Whether the evidence lets a join (or a join not received yet) have used this code. */
export function codeAdmits(
	options: Pick<EngineOptions, 'serverSkewMs' | 'rolesAtJoinFromInvite'>,
	f: Pick<CodeFacts, 'created' | 'deleted' | 'createdAt' | 'expiresAt' | 'targetUserIds' | 'roleIds'>,
	who: Occupant,
	rolesOfInvites: ReadonlySet<string>,
): boolean {
	if (f.created && who.pos <= f.created.pos) return false;
	if (f.deleted && who.pos > f.deleted.pos) return false;
	const id = who.identity;
	if (!id) return true;
	const skew = options.serverSkewMs;
	if (f.createdAt !== null && id.joinedAt < f.createdAt - skew) return false;
	if (f.expiresAt !== null && id.joinedAt >= f.expiresAt + skew) return false;
	if (f.targetUserIds.length > 0 && !f.targetUserIds.includes(id.userId)) return false;
	if (options.rolesAtJoinFromInvite) {
		const granted = new Set(f.roleIds);
		for (const r of f.roleIds) if (!id.roleIds.includes(r)) return false;
		for (const r of id.roleIds) if (rolesOfInvites.has(r) && !granted.has(r)) return false;
	}
	return true;
}

const rolesCache = new WeakMap<Timeline, { tick: number; roles: Set<string> }>();
/** Every role some known invite grants. */
export function inviteRoles(tl: Timeline): Set<string> {
	const c = rolesCache.get(tl);
	if (c && c.tick === tl.tick) return c.roles;
	const roles = new Set<string>();
	for (const f of tl.codes.values()) for (const r of f.roleIds) roles.add(r);
	rolesCache.set(tl, { tick: tl.tick, roles });
	return roles;
}

function hasInviteRole(tl: Timeline, roleIds: readonly string[]): boolean {
	const roles = inviteRoles(tl);
	return roleIds.some((r) => roles.has(r));
}

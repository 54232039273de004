import type { Backend } from 'foyer/testing';
import { startTestFoyer, type TestFoyer } from 'foyer/testing';
import { countsOf } from '../records/counts.ts';
import { joinLog, latestJoinOf } from '../records/index.ts';
import type { JoinRecord } from '../records/join-record.ts';
import { heard } from './fixtures/consumer/listeners/_heard.ts';

export const INVITES = new URL('..', import.meta.url);
export const CONSUMER = new URL('./fixtures/consumer/', import.meta.url);
export const MINUTE = 60_000;

export async function startInvites(backend: Backend, extra: URL[] = []): Promise<TestFoyer> {
	const h = await startTestFoyer({ plugins: [INVITES, CONSUMER, ...extra], backend });
	await tracking(h);
	return h;
}

/** Resolves once the guild's tracker took its first snapshot (joins before it are not attributable). */
export async function tracking(h: TestFoyer): Promise<void> {
	const { sessionOf } = await import('../_sessions.ts');
	await h.waitFor(
		async () => (sessionOf(h.guildId)?.tracker?.timeline.obs.length ?? 0) > 0,
		'the first invite snapshot',
	);
	// Joins within the clocks' uncertainty (2 s) of the first snapshot may be in it: start clearly after.
	await advance(h, 3_000);
}

/**
 * Moves the clock once the tracker is idle (every join decided, no snapshot in flight): a snapshot
 * answered across a jump of the clock would span the whole jump, and joins around it would wait for
 * the engine's one-minute event-delay bound.
 */
export async function advance(h: TestFoyer, ms: number): Promise<void> {
	const { sessionOf } = await import('../_sessions.ts');
	await h.waitFor(async () => {
		const t = sessionOf(h.guildId)?.tracker?.timeline;
		return t !== undefined && t.inFlight === 0 && t.joins.every((j) => j.decided);
	}, 'the invite tracker idle');
	await sessionOf(h.guildId)?.settled();
	await h.clock.advance(ms);
}

/** Foyer restarted on the same data, tracking again. */
export async function restart(h: TestFoyer): Promise<void> {
	await h.restart();
	await tracking(h);
}

/**
 * A new member (joined through the vanity URL: a join through no invite at all is a contradiction
 * for the engine, as from Server Discovery) who creates an invite; resolves their id and code.
 */
export async function inviter(h: TestFoyer, name: string, spec: { maxUses?: number } = {}) {
	const id = await h.join({ username: name, invite: 'vanity' });
	const code = await h.createInvite({ inviterId: id, ...spec });
	return { id, code };
}

/** The member's `nth` join (their latest) once the engine decided it. */
export async function decidedJoin(h: TestFoyer, memberId: string, nth = 1): Promise<JoinRecord> {
	let join: JoinRecord | null = null;
	await h.waitFor(async () => {
		if ((await joinLog(h.guildId, { memberId })).total < nth) return false;
		join = await latestJoinOf(h.guildId, memberId);
		return join !== null && join.source !== 'pending';
	}, `join ${nth} of ${memberId} decided`);
	return join as unknown as JoinRecord;
}

export const counts = (h: TestFoyer, inviterId: string) => countsOf(h.guildId, inviterId);
export const joinsOf = async (h: TestFoyer, memberId: string) => (await joinLog(h.guildId, { memberId })).items;
export const eventsAbout = (memberId: string) => heard().filter((e) => e.memberId === memberId);

import type { TestFoyer } from 'foyer/testing';
import plugin from '../plugin.ts';

/**
 * Driving the real invites plugin from the outside, as its own tests do but through what it
 * publishes (its service, its commands, the emulator's request log) rather than its internals,
 * which loyalty's tests may not import.
 */

/**
 * How long to wait for what the invites plugin decides: it paces its snapshots to a REST budget
 * (about a second a join here), so a few joins in a row take several seconds on a busy machine.
 */
export const INVITES_MS = 15_000;

/**
 * Resolves once invite tracking took its first snapshot after `since` (a request id: the start, or
 * a restart) and the clock is clearly past it. A join within the engine's clock slack (2 s) of the
 * first snapshot may be counted in it and is recorded "joined before Foyer tracked this server".
 */
export async function invitesTracking(h: TestFoyer, since = 0): Promise<void> {
	const answered = (route: string) => async () =>
		(await h.requests(since)).some((r) => r.method === 'GET' && r.route === route && r.status === 200);
	await h.waitFor(answered('/guilds/:guild_id/invites'), 'the first invite snapshot', INVITES_MS);
	// The demo server has a vanity URL: its uses are read right after the invites', in the same cycle.
	await h.waitFor(answered('/guilds/:guild_id/vanity-url'), 'the first vanity snapshot', INVITES_MS);
	await h.clock.advance(3_000);
}

/** What the invites plugin knows of a member's latest join (its published service). */
export const inviterOf = (h: TestFoyer, memberId: string) => plugin.service('invites').inviterOf(h.guildId, memberId);

/** An inviter's counters as the invites plugin keeps them (tracked, left, fake, added, effective). */
export const inviteCounts = (h: TestFoyer, inviterId: string) => plugin.service('invites').counts(h.guildId, inviterId);

/**
 * Resolves once everything the invites plugin was handed before now (leaves, decisions, and the
 * announcements they make) is done: it stores a guild's decisions and leaves one at a time, in
 * order, so a member who joins through the vanity URL now is recorded only after all of them.
 * Resolves that member's id.
 */
export async function invitesSettled(h: TestFoyer, name = `settle-${Math.random().toString(36).slice(2, 8)}`) {
	// Through the vanity URL: a join through no invite at all contradicts the use counts, and the
	// engine decides every open join unknown and starts afresh.
	const id = await h.join({ username: name, invite: 'vanity' });
	await h.waitFor(
		async () => (await inviterOf(h, id))?.source === 'vanity',
		`${name}'s join through the vanity URL`,
		INVITES_MS,
	);
	return id;
}

/** A new member (joined through the vanity URL, as an invites test's inviters do) and the invite they create. */
export async function inviter(h: TestFoyer, name: string): Promise<{ id: string; code: string }> {
	const id = await invitesSettled(h, name);
	const code = await h.createInvite({ inviterId: id });
	return { id, code };
}

/** A new member joins through `code` and the invites plugin decides the join (counted or fake). */
export async function joinThrough(
	h: TestFoyer,
	code: string,
	spec: { username: string; accountAgeDays?: number; userId?: string },
): Promise<string> {
	const id = await h.join({ ...spec, invite: code });
	await h.waitFor(
		async () => {
			const join = await inviterOf(h, id);
			return join?.source === 'invite' && join.code === code;
		},
		`${spec.username}'s join credited to the invite ${code}`,
		INVITES_MS,
	);
	return id;
}

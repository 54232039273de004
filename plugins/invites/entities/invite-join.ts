import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** A candidate of an ambiguous (or offline) join: a code and its inviter, or the vanity URL (code null, inviter null). */
export interface StoredCandidate {
	code: string | null;
	inviterId: string | null;
	/** An invite that may have been created and used up unseen. */
	unseen?: boolean;
}

/** A fraud rule that fired on the join, with its evidence (attribution/fraud.ts FraudFlag). */
export interface StoredFlag {
	rule: string;
	evidence: string;
	data: Record<string, number | string | null>;
}

/**
 * One member's join of a guild, as Foyer decided it (see records/README.md for every field's meaning).
 *
 * `joinKey` is the engine's key (`<userId>:<joined_at ms>`): one row per join, however often Discord
 * sends GUILD_MEMBER_ADD. `source` is `pending` until the engine decided, then invite, vanity,
 * unknown, ambiguous or offline. `credit` is what the join does to its inviter's counters:
 * `counted` (tracked), `fake` (tracked and fake: adds 0), `none` (no inviter, inviter not a member,
 * or a rejoin that does not count again) or `removed` (an admin's /invite reset took it back).
 */
export const InviteJoin = defineEntity({
	name: 'InviteJoin',
	tableName: 'invite_joins',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType),
		memberId: p.type(SnowflakeType),
		joinKey: p.string().length(64),
		joinedAtMs: p.bigint('number'),
		leftAtMs: p.bigint('number').nullable(),
		/** The credited inviter (also kept when the join does not count: inviter gone, fake...). */
		inviterId: p.type(SnowflakeType).nullable(),
		code: p.string().length(40).nullable(),
		/** pending, invite, vanity, unknown, ambiguous, offline. */
		source: p.string().length(12),
		/** For unknown joins: bot, added-by-this-bot, before-tracking, no-permission, evidence-conflict. */
		unknownReason: p.string().length(24).nullable(),
		candidates: p.json<StoredCandidate[]>(),
		flags: p.json<StoredFlag[]>(),
		/** The first flag's rule, for filtering (null: not flagged). */
		flag: p.string().length(24).nullable(),
		/** counted, fake, none, removed. */
		credit: p.string().length(8),
		/** Why a join with an inviter does not count (inviter-absent, rejoin), else null. */
		creditNote: p.string().length(24).nullable(),
		accountCreatedAtMs: p.bigint('number'),
		bot: p.boolean().default(false),
		/** Null when there is no inviter. */
		inviterWasMember: p.boolean().nullable(),
		/** Joined while Foyer was offline (found at start). */
		offline: p.boolean().default(false),
		decidedAtMs: p.bigint('number').nullable(),
		/** A counted join's `invites:joinCounted` went out and every consumer handled it. */
		announced: p.boolean().default(false),
	},
	uniques: [{ properties: ['guildId', 'joinKey'] }],
	indexes: [
		{ properties: ['guildId', 'joinedAtMs'] },
		{ properties: ['guildId', 'memberId'] },
		{ properties: ['guildId', 'inviterId'] },
		{ properties: ['guildId', 'source'] },
	],
});

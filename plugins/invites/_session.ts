import { container } from '@sapphire/framework';
import { type Guild, type GuildMember, type Invite, PermissionFlagsBits } from 'discord.js';
import { untilDatabaseAnswers } from 'foyer';
import { announceMissed } from './_announce.ts';
import { pluginClock } from './_clock.ts';
import { creditDecision } from './_credit.ts';
import { inviteCreatedOf, inviteReaderOf, memberJoinOf } from './_discord.ts';
import { recordLeave } from './_leave.ts';
import { GuildTracker, type JoinDecision, joinKey, type MemberJoin } from './attribution/index.ts';
import plugin from './plugin.ts';
import { loadCheckpoint, saveCheckpoint } from './records/checkpoint.ts';
import { pendingJoins, recordPendingJoin } from './records/joins.ts';

/** Joins older than the checkpoint by more than Discord's clock may differ from ours were in it already. */
const CLOCK_SLACK_MS = 2_000;
const SAVE_EVERY_MS = 500;

/** What Foyer may see in a guild: it decides how exact the engine can be (tracking status shows it). */
export function trackingAbilities(guild: Guild) {
	const me = guild.members.me;
	const has = (p: bigint) => me?.permissions.has(p) ?? false;
	const everyChannel = guild.channels.cache.every((c) => {
		if (!me || !('permissionsFor' in c) || c.isThread()) return true;
		return c.permissionsFor(me)?.has(PermissionFlagsBits.ManageChannels) ?? false;
	});
	return {
		manageGuild: has(PermissionFlagsBits.ManageGuild),
		manageChannels: has(PermissionFlagsBits.ManageChannels),
		inviteEventsComplete: has(PermissionFlagsBits.ManageChannels) && everyChannel,
		auditLog: has(PermissionFlagsBits.ViewAuditLog),
		vanity: guild.features.includes('VANITY_URL') || guild.vanityURLCode !== null,
	};
}

// Writes waiting for the database, across guilds: one warning per outage, not one per join.
let waitingForDatabase = 0;

/**
 * One guild's invite tracking: a GuildTracker fed in arrival order (joins go to the engine the
 * moment they arrive, since their position against the snapshots is the evidence), each join recorded
 * `pending` at once, and the engine's decisions stored one at a time, in order. Joins that arrive
 * before the session starts (the core's replay and catch-up after downtime) are offline joins: the
 * engine attributes them from the checkpoint where the evidence allows.
 */
export class GuildSession {
	state: 'waiting' | 'running' | 'stopped' = 'waiting';
	tracker: GuildTracker | null = null;
	/** Joins that arrived before the tracker started, in order. */
	readonly #early: MemberJoin[] = [];
	readonly #inserts = new Map<string, Promise<unknown>>();
	#chain: Promise<unknown> = Promise.resolve();
	#saveTimer: ReturnType<typeof setTimeout> | null = null;
	#lastSaved = -1;
	permissionProblem: 'invites' | 'vanity' | 'audit' | null = null;

	constructor(readonly guild: Guild) {}

	get guildId() {
		return this.guild.id;
	}

	/** GUILD_MEMBER_ADD (or a join found at start): recorded at once, given to the engine in arrival order. */
	memberAdd(member: GuildMember, offline = false): Promise<unknown> {
		const join = memberJoinOf(member);
		if (member.joinedTimestamp === null) join.joinedAt = plugin.now();
		const key = joinKey(join);
		const insert = this.#stored(() =>
			recordPendingJoin({
				guildId: this.guildId,
				memberId: member.id,
				joinKey: key,
				joinedAt: join.joinedAt,
				accountCreatedAt: member.user.createdTimestamp,
				bot: member.user.bot,
				offline: offline || this.state !== 'running',
			}),
		).catch((error) => plugin.log.error({ err: error, guild: this.guildId }, 'Could not record a join'));
		this.#inserts.set(key, insert);
		if (this.state === 'running' && this.tracker) this.tracker.memberAdd(join);
		else if (this.state === 'waiting') this.#early.push(join);
		return insert;
	}

	memberLeft(memberId: string, at = plugin.now()): Promise<unknown> {
		return this.#then(() => recordLeave(this.guild, memberId, at));
	}

	inviteCreate(invite: Invite): void {
		this.tracker?.inviteCreate(inviteCreatedOf(invite, plugin.now()));
	}

	inviteDelete(code: string): void {
		this.tracker?.inviteDelete(code);
	}

	reconcile(): void {
		this.tracker?.reconcile();
		void this.#then(() => announceMissed(this.guildId));
		this.#saveSoon();
	}

	/** Starts tracking: from the stored checkpoint (`resume`), the joins recorded but not decided being offline joins. */
	async start(resume = true): Promise<void> {
		if (this.state !== 'waiting') return;
		await Promise.all(this.#inserts.values());
		const checkpoint = resume ? await loadCheckpoint(this.guildId) : null;
		const pending = await pendingJoins(this.guildId);
		if (this.state !== 'waiting') return;
		const byKey = new Map<string, MemberJoin>();
		for (const row of pending) byKey.set(row.joinKey, { userId: row.memberId, joinedAt: row.joinedAt, bot: row.bot });
		for (const j of this.#early) byKey.set(joinKey(j), j);
		this.#early.length = 0;
		const offline: MemberJoin[] = [];
		const before: MemberJoin[] = [];
		for (const j of byKey.values())
			(checkpoint && j.joinedAt >= checkpoint.at - CLOCK_SLACK_MS ? offline : before).push(j);
		const can = trackingAbilities(this.guild);
		this.tracker = new GuildTracker(inviteReaderOf(this.guild, plugin.now()), pluginClock, {
			inviteEventsComplete: can.inviteEventsComplete,
			auditLog: can.auditLog,
			vanity: can.vanity,
			onDecision: (d) => this.#decided(d),
			onPermissionProblem: (what) => {
				this.permissionProblem = what;
				plugin.counters.note(
					this.guildId,
					`Invite tracking could not read ${what === 'invites' ? 'the invites (Manage Server missing)' : what === 'vanity' ? 'the vanity URL' : 'the audit log (View Audit Log missing)'}`,
				);
			},
		});
		this.state = 'running';
		// Joined before Foyer tracked this guild: their use is in the first snapshot, not after it.
		for (const j of before)
			this.#decided({
				key: joinKey(j),
				userId: j.userId,
				joinedAt: j.joinedAt,
				attribution: { status: 'unknown', reason: 'before-tracking', candidates: [] },
				final: true,
			});
		const started = this.tracker.start(checkpoint ? { checkpoint, offlineJoins: offline } : undefined);
		void this.#then(() => announceMissed(this.guildId));
		await started.catch((error) =>
			plugin.log.warn({ err: error, guild: this.guildId }, 'The first invite snapshot failed'),
		);
		this.#saveSoon();
	}

	stop(): void {
		this.state = 'stopped';
		this.tracker?.stop();
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = null;
	}

	/** Resolves once every decision and leave handed over so far is stored. */
	settled(): Promise<unknown> {
		return this.#then(async () => undefined);
	}

	/** A session of a Foyer that stopped (a restart in the same process) stops itself. */
	#alive(): boolean {
		if (this.state === 'stopped') return false;
		if (this.guild.client === container.client && container.client.isReady()) return true;
		this.stop();
		return false;
	}

	#decided(d: JoinDecision): void {
		if (!this.#alive()) return;
		void this.#then(async () => {
			await this.#inserts.get(d.key);
			await creditDecision(this.guild, d);
			if (d.final) this.#inserts.delete(d.key);
		});
		this.#saveSoon();
	}

	/** `work` again while the database is not answering: a decision made during an outage is stored after it. */
	#stored<T>(work: () => Promise<T>): Promise<T> {
		return untilDatabaseAnswers(work, {
			onWait: (error) => {
				if (waitingForDatabase++ === 0)
					plugin.log.warn({ err: error }, 'Database unavailable: invite records wait for it');
			},
			onDone: () => {
				if (--waitingForDatabase === 0) plugin.log.info('Database available again: invite records went on');
			},
		});
	}

	#then(work: () => Promise<unknown>): Promise<unknown> {
		const next = this.#chain
			.then(() => this.#stored(work))
			.catch((error) =>
				plugin.log.error({ err: error, guild: this.guildId }, 'Invite tracking could not store something'),
			);
		this.#chain = next;
		return next;
	}

	/** The checkpoint follows the decisions, at most every 500 ms (after them, in the same order). */
	#saveSoon(): void {
		if (this.#saveTimer || this.state !== 'running') return;
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = null;
			if (this.state !== 'running' || !this.#alive()) return;
			void this.#then(async () => {
				const cp = this.tracker?.checkpoint();
				if (!cp || cp.at === this.#lastSaved) return;
				await saveCheckpoint(this.guildId, cp);
				this.#lastSaved = cp.at;
			});
		}, SAVE_EVERY_MS);
	}
}

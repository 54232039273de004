import { Events, type Guild, type GuildMember, type PartialGuildMember } from 'discord.js';
import type { Logger } from 'pino';
import type { FoyerClient } from '../client.ts';
import type { Database } from '../database/database.ts';
import { Completions } from '../effects/completions.ts';
import { EffectOutbox } from '../effects/effect-outbox.ts';
import { EffectStore } from '../effects/effect-store.ts';
import { MEMBER_MESSAGE, memberMessageExecutor } from '../effects/kinds/member-message-kind.ts';
import { MEMBER_ROLES, memberRolesExecutor } from '../effects/kinds/member-roles-kind.ts';
import { MESSAGE, messageExecutor } from '../effects/kinds/message-kind.ts';
import { CoreEvents } from '../events/core-events.ts';
import { dedupeKeyFunctions } from '../events/dedupe-keys.ts';
import { EventLedger } from '../events/event-ledger.ts';
import { EventLedgerStore } from '../events/event-ledger-store.ts';
import { type CatchUpResult, catchUp } from '../gateway-sessions/catch-up.ts';
import type { StoredSession } from '../gateway-sessions/gateway-session-entity.ts';
import { MembershipStore } from '../gateway-sessions/membership-store.ts';
import { replayEvents } from '../gateway-sessions/replay.ts';
import { type LiveSession, SequenceTracker } from '../gateway-sessions/sequence-tracker.ts';
import { drainSession } from '../gateway-sessions/session-drain.ts';
import { SessionStore } from '../gateway-sessions/session-store.ts';
import type { MessageCoalescer } from '../messaging/message-coalescer.ts';

export interface ContinuityOptions {
	client: FoyerClient;
	db?: Database;
	logger: Logger;
	/** Where member messages are combined per channel (the `member-message` effects go through it). */
	coalescer: MessageCoalescer;
	/** The writer of effect completions and counters (with a database); closed by `close()`. */
	completions?: Completions;
}

/** What the last start recovered, for logs, /ready and tests. */
export interface RecoveryReport {
	/** Effects recorded by the last run and carried out now. */
	effects: number;
	/** Whether each stored session resumed (its missed events replayed). */
	resumed: boolean | null;
	replayed: number;
	catchUp: CatchUpResult | null;
}

type AnyMember = GuildMember | PartialGuildMember;
const JOINS = new Set<string>([Events.GuildMemberAdd, CoreEvents.MemberJoinedOffline]);
const LEAVES = new Set<string>([Events.GuildMemberRemove, CoreEvents.MemberLeftOffline]);

/**
 * What keeps Foyer's work whole across crashes and restarts, wired into one client: the event ledger
 * (each event delivered to the plugins once, held until they are loaded), the gateway session saved
 * at the last fully handled event and resumed at the next start (the missed events replayed), and a
 * catch-up from the member list when the session could not be resumed. The composition root calls
 * `create` before login, `open` once the plugins are loaded, and `close` when stopping.
 */
export class Continuity {
	report: RecoveryReport = { effects: 0, resumed: null, replayed: 0, catchUp: null };

	private constructor(
		private readonly client: FoyerClient,
		readonly ledger: EventLedger,
		readonly tracker: SequenceTracker,
		readonly membership: MembershipStore,
		readonly effects: EffectOutbox,
		private readonly sessions: SessionStore | null,
		private readonly previous: StoredSession[],
		private readonly logger: Logger,
		private readonly completions: Completions | null,
	) {}

	static async create(options: ContinuityOptions): Promise<Continuity> {
		const { client, db, logger } = options;
		const log = logger.child({ component: 'continuity' });
		const membership = await MembershipStore.open(db ?? null, log);
		const store = db ? await EventLedgerStore.open(db, log) : null;
		const ledger = new EventLedger(
			dedupeKeyFunctions((guildId, userId) => membership.joinedAt(guildId, userId)),
			store,
			log,
		);
		await ledger.load();
		const sessions = db ? await SessionStore.open(db, log) : null;
		const completions = db ? (options.completions ?? new Completions(db, log)) : null;
		const effects = new EffectOutbox(db && completions ? await EffectStore.open(db, completions, log) : null, log);
		effects.register(
			MEMBER_MESSAGE,
			memberMessageExecutor(() => options.coalescer),
		);
		effects.register(
			MESSAGE,
			messageExecutor(() => client),
		);
		effects.register(
			MEMBER_ROLES,
			memberRolesExecutor(() => client),
		);
		// Read before login: the new session's saves must not replace the one to resume.
		const previous = sessions ? await sessions.load() : [];
		const tracker = new SequenceTracker(
			(shardId) => liveSession(client, shardId),
			(session) => void sessions?.save(session).catch(() => undefined),
		);
		ledger.beforeHandled.push(() => effects.written());
		ledger.bind((event, args) => client.deliver(event, args));
		ledger.observer = tracker;
		ledger.onDelivered((event, args) => {
			const member = args[0] as AnyMember;
			if (JOINS.has(event)) membership.noteJoin(member.guild.id, member.id, member.joinedTimestamp);
			else if (LEAVES.has(event)) membership.noteLeave(member.guild.id, member.id);
		});
		ledger.onHandled((event, args) => {
			const member = args[0] as AnyMember;
			if (JOINS.has(event))
				void membership.recordJoin(member.guild.id, member.id, member.joinedTimestamp).catch(() => undefined);
			else if (LEAVES.has(event)) void membership.recordLeave(member.guild.id, member.id).catch(() => undefined);
		});
		client.ledger = ledger;
		client.packets = tracker;
		return new Continuity(client, ledger, tracker, membership, effects, sessions, previous, log, completions);
	}

	/**
	 * The plugins are loaded: replay what the previous session missed, deliver what was held since
	 * login, then everything as it comes; without a complete replay, catch up from the member list.
	 */
	async open(): Promise<RecoveryReport> {
		// First what the last run decided and left undone: a replayed event asking for it again joins it.
		this.report.effects = await this.effects.recover();
		let resumed: boolean | null = this.previous.length > 0 ? true : null;
		const token = this.client.token;
		for (const session of this.previous) {
			if (!token) break;
			const drained = await drainSession(session, { token });
			const replayed = replayEvents(this.client, this.ledger, this.membership, drained.events);
			this.report.replayed += replayed;
			if (drained.resumed)
				this.logger.info(
					{ shard: session.shardId, events: drained.events.length, replayed },
					`Resumed the previous gateway session: ${replayed} missed member events replayed`,
				);
			else {
				resumed = false;
				this.logger.warn(
					{ shard: session.shardId, reason: drained.reason, replayed },
					`Could not resume the previous gateway session (${drained.reason}): catching up from the member list`,
				);
			}
		}
		this.report.resumed = resumed;
		this.tracker.saving = true;
		this.tracker.saveAll();
		const held = this.ledger.accept();
		if (held) this.logger.debug({ held }, 'Delivered the events that arrived before the plugins were loaded');
		this.client.on(Events.GuildCreate, (guild: Guild) => void this.#follow([guild]));
		if (this.sessions) this.report.catchUp = await this.#follow(this.client.guilds.cache.values(), resumed !== true);
		return this.report;
	}

	/** Stops delivering member events (they are held, and replayed at the next start). */
	pause(): void {
		this.ledger.pause();
	}

	/**
	 * Waits, at most `timeoutMs` in all, for the plugins to finish handling what was delivered and for
	 * the effects being carried out; resolves how many events and effects did not finish.
	 */
	async settle(timeoutMs: number): Promise<{ events: number; effects: number }> {
		const deadline = Date.now() + timeoutMs;
		const events = await this.ledger.settle(timeoutMs);
		const effects = await this.effects.settle(Math.max(0, deadline - Date.now()));
		this.ledger.freeze();
		this.tracker.freeze();
		return { events, effects };
	}

	/** Saves the session at the last handled event and writes what is in memory. */
	async close(): Promise<void> {
		this.ledger.pause();
		this.effects.stop();
		this.tracker.saveAll();
		await Promise.all([this.ledger.flush(), this.membership.flush(), this.sessions?.flush(), this.effects.flush()]);
		this.effects.close();
		this.completions?.close();
		this.ledger.close();
		this.membership.close();
		this.sessions?.close();
	}

	/**
	 * Closes the gateway connections so that the session stays resumable (4200, @discordjs/ws's own
	 * "resuming" code; discord.js's destroy closes with 1000, which ends the session): the next start
	 * resumes it and gets the events of the restart replayed.
	 */
	async leaveGatewayResumable(): Promise<void> {
		const ws = (this.client.ws as unknown as { _ws?: { destroy(options: object): Promise<void> } | null })._ws;
		await ws?.destroy({ code: 4200, reason: 'Foyer is restarting' }).catch(() => undefined);
	}

	async #follow(guilds: Iterable<Guild>, compare = false): Promise<CatchUpResult> {
		const result = await catchUp({
			guilds,
			ledger: this.ledger,
			membership: this.membership,
			logger: this.logger,
			compare,
		});
		if (result.joined || result.left)
			this.logger.info(result, `Caught up: ${result.joined} joined and ${result.left} left while Foyer was offline`);
		return result;
	}
}

function liveSession(client: FoyerClient, shardId: number): LiveSession | null {
	const shard = client.ws.shards.get(shardId) as unknown as { sessionInfo?: LiveSession | null } | undefined;
	return shard?.sessionInfo ?? null;
}

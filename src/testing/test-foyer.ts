import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type Logger, pino } from 'pino';
import type { Clock } from '../core/clock.ts';
import { Database } from '../core/database/database.ts';
import { DbPluginStateStore } from '../core/plugins/db-plugin-state.ts';
import { MemoryPluginStateStore } from '../core/plugins/plugin-state.ts';
import { EmbeddedScheduler } from '../core/scheduling/embedded-scheduler.ts';
import type { Scheduler } from '../core/scheduling/job.ts';
import { MemoryJobStore } from '../core/scheduling/job-store.ts';
import { ControlError, EmulatorControl } from '../emulator/control-client.ts';
import { Emulator } from '../emulator/emulator.ts';
import { Foyer } from '../foyer.ts';
import type { Backend } from './backends.ts';
import { DashboardClient } from './dashboard-client.ts';
import type { LogLine } from './foyer-harness.ts';
import { TestClock } from './test-clock.ts';
import { waitFor } from './wait-for.ts';

type Json = Record<string, unknown>;

export interface TestFoyerOptions {
	/** Plugin folders to load: paths, or `new URL('..', import.meta.url)` from a plugin's own test. */
	plugins: (string | URL)[];
	/**
	 * The database: a fresh SQLite file by default (removed at stop), `false` for none, or one you
	 * opened (e.g. PostgreSQL; you close it).
	 */
	database?: Database | false;
	/** The scheduler; by default an in-memory one on the test clock (`clock.advance()` runs what falls due). */
	scheduler?: (logger: Logger, clock: Clock) => Scheduler;
	/**
	 * A backend from `describeOnBackends` (its database and scheduler: SQLite + embedded, or
	 * PostgreSQL + BullMQ). Replaces `database` and `scheduler`; on BullMQ, jobs run on real time.
	 */
	backend?: Backend;
	/** The emulator's rate limits (default off; `realistic` as on Discord). */
	rateLimits?: 'off' | 'realistic' | 'strict';
	/** Bot owners of the dashboard (default: the demo server's owner). */
	owners?: string[];
}

/** A message as a test reads it: what members see, and who it really pinged. */
export interface SeenMessage {
	id: string;
	channelId: string;
	authorId: string;
	content: string;
	embeds: Json[];
	components: Json[];
	/** The users Discord notified (allowed_mentions applied). */
	pings: string[];
	raw: Json;
}

export interface JoinSpec {
	username?: string;
	globalName?: string;
	bot?: boolean;
	/** How old the account is (default: a few years). */
	accountAgeDays?: number;
	avatar?: boolean;
	/** Whether the user accepts DMs from server members (default true). */
	dmsOpen?: boolean;
	/** Send GUILD_MEMBER_ADD again for an existing member (Discord may), instead of a new join. */
	duplicate?: boolean;
	/** Join through this invite code, or the vanity URL (`'vanity'`); default: no invite. */
	invite?: string;
	/** An existing user instead of a new one. */
	userId?: string;
}

/**
 * A Discord emulator with its demo server, a Foyer logged into it with the given plugins, and the
 * helpers a plugin's tests need: members joining and leaving, commands and buttons as members,
 * what the bot sent (channels, DMs, pings, roles), a clock that moves the emulator and the scheduler
 * together, and a logged-in dashboard client. `stop()` closes everything.
 */
export class TestFoyer {
	private constructor(
		readonly emulator: Emulator,
		readonly control: EmulatorControl,
		readonly foyer: Foyer,
		readonly logs: LogLine[],
		/** Moves Foyer, its scheduler and the emulator forward together. */
		readonly clock: TestClock,
		private readonly cleanup: () => Promise<void>,
	) {}

	static async start(options: TestFoyerOptions): Promise<TestFoyer> {
		const emulator = await Emulator.start({
			demo: true,
			...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
		});
		const control = new EmulatorControl(emulator.url);
		const logs: LogLine[] = [];
		const stream = new Writable({
			write(chunk, _enc, done) {
				for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line) as LogLine);
				done();
			},
		});
		const logger = pino({ level: 'debug' }, stream);
		let dir: string | null = null;
		let db: Database | undefined;
		if (options.backend) db = await options.backend.db();
		else if (options.database === undefined) {
			dir = mkdtempSync(join(tmpdir(), 'foyer-test-'));
			db = await Database.open({ sqlitePath: join(dir, 'foyer.db') });
		} else if (options.database) db = options.database;
		const clock = new TestClock(control);
		const scheduler =
			options.backend?.scheduler(logger) ??
			options.scheduler?.(logger, clock) ??
			new EmbeddedScheduler(new MemoryJobStore(), logger, {
				pollMs: 50,
				retryDelayMs: () => 50,
				now: () => clock.now(),
			});
		const demo = emulator.demo;
		if (!demo) throw new Error('The emulator started without its demo server');
		const foyer = await Foyer.start({
			token: emulator.token,
			restApi: emulator.apiUrl,
			pluginRoots: [],
			extraPlugins: options.plugins.map((p) => (p instanceof URL ? fileURLToPath(p) : p)),
			logger,
			// With a database, plugin state lives there as in production (and is exercised on its dialect).
			state: db ? await DbPluginStateStore.load(db) : new MemoryPluginStateStore(),
			...(db ? { db } : {}),
			dashboard: {
				oauth: { clientSecret: emulator.defaultApp.clientSecret, webUrl: emulator.url, apiUrl: emulator.apiUrl },
				owners: options.owners ?? [demo.owner.id],
				sandbox: { emulatorUrl: emulator.url },
			},
			scheduler,
			clock,
		});
		clock.drive(scheduler);
		const created = db && options.database === undefined && !options.backend ? db : null;
		return new TestFoyer(emulator, control, foyer, logs, clock, async () => {
			await foyer.stop();
			await emulator.close();
			await created?.close();
			if (dir) rmSync(dir, { recursive: true, force: true });
		});
	}

	/** The demo server: ids of its guild, users, channels (by name) and roles (by name). */
	get demo() {
		const demo = this.emulator.demo;
		if (!demo) throw new Error('The emulator has no demo server');
		return {
			guildId: demo.guild.id,
			ownerId: demo.owner.id,
			adminId: demo.admin.id,
			memberId: demo.member.id,
			channels: demo.channels,
			roles: demo.roles,
		};
	}

	get guildId(): string {
		return this.demo.guildId;
	}

	/** The bot's own user id. */
	get botId(): string {
		return this.emulator.defaultApp.botUserId;
	}

	/** A channel id from its name in the demo server (`'welcome'`), or an id as it is. */
	channel(nameOrId: string): string {
		const id = this.demo.channels[nameOrId] ?? nameOrId;
		if (!/^\d{17,20}$/.test(id)) throw new Error(`No channel "${nameOrId}" in the demo server`);
		return id;
	}

	/** A role id from its name in the demo server (`'Member'`), or an id as it is. */
	role(nameOrId: string): string {
		const id = this.demo.roles[nameOrId] ?? nameOrId;
		if (!/^\d{17,20}$/.test(id)) throw new Error(`No role "${nameOrId}" in the demo server`);
		return id;
	}

	/** A member joins the demo server (a new user unless `userId`); resolves their user id once Foyer may see it. */
	async join(spec: JoinSpec | string = {}): Promise<string> {
		const s = typeof spec === 'string' ? { username: spec } : spec;
		const user = {
			username: s.username ?? `member-${Math.random().toString(36).slice(2, 8)}`,
			...(s.globalName ? { global_name: s.globalName } : {}),
			...(s.bot ? { bot: true } : {}),
			...(s.accountAgeDays !== undefined ? { account_age_days: s.accountAgeDays } : {}),
			...(s.avatar === false ? { avatar: null } : {}),
			...(s.dmsOpen === false ? { dms_open: false } : {}),
		};
		const via = s.invite === 'vanity' ? { vanity: true } : s.invite ? { invite_code: s.invite } : {};
		const who = s.userId ? { user_id: s.userId } : { user };
		const joined = await this.control.join(this.guildId, {
			...who,
			...via,
			...(s.duplicate ? { duplicate: true } : {}),
		} as never);
		return String((joined.user as Json).id);
	}

	leave(userId: string): Promise<Json> {
		return this.control.leave(this.guildId, userId);
	}

	/** Runs a slash command as a member (`'welcome test'`, options by name); resolves the bot's reply. */
	async command(
		userId: string,
		command: string,
		options: Record<string, string | number | boolean> = {},
		channel = 'general',
	): Promise<SeenMessage> {
		const result = await this.control.command({
			channel_id: this.channel(channel),
			user_id: userId,
			command,
			...(Object.keys(options).length ? { options } : {}),
		});
		return seen(result.reply as Json);
	}

	/** Clicks a button of a message as a member; resolves the bot's answer. */
	async click(userId: string, message: SeenMessage, customId: string): Promise<SeenMessage> {
		const result = await this.control.click({
			channel_id: message.channelId,
			message_id: message.id,
			user_id: userId,
			custom_id: customId,
		});
		return seen(result.reply as Json);
	}

	/** The messages of a channel, oldest first. */
	async messages(channel: string): Promise<SeenMessage[]> {
		return (await this.control.messages(this.channel(channel))).map((m) => seen(m as Json));
	}

	/** The messages the bot sent in a channel, oldest first. */
	async botMessages(channel: string): Promise<SeenMessage[]> {
		return (await this.messages(channel)).filter((m) => m.authorId === this.botId);
	}

	/** The direct messages a user received from the bot, oldest first. */
	async dms(userId: string): Promise<SeenMessage[]> {
		return (await this.control.dms(userId)).map((m) => seen(m as Json));
	}

	/** A member's role ids, in the order Discord keeps them; null when they are not a member. */
	async rolesOf(userId: string): Promise<string[] | null> {
		try {
			return ((await this.control.member(this.guildId, userId)).roles as string[]) ?? [];
		} catch (error) {
			if (error instanceof ControlError && error.status === 404) return null;
			throw error;
		}
	}

	/** The REST calls the bot made (method, route template, status), after `since` (a request id). */
	async requests(
		since?: number,
	): Promise<{ id: number; method: string; route: string; path: string; status: number }[]> {
		return ((await this.control.requests(since === undefined ? {} : { since })).requests ?? []) as never;
	}

	/** The id of the last request the emulator logged, to read only what comes after. */
	async lastRequestId(): Promise<number> {
		return Number((await this.control.requests()).last_id ?? 0);
	}

	/** A dashboard client logged in as a user (default: the owner), through the emulator's OAuth2. */
	dashboard(userId = this.demo.ownerId): Promise<DashboardClient> {
		return DashboardClient.login(this.foyer.httpUrl, userId);
	}

	/** Waits until `check` holds (polling), failing with `what` after `ms`. */
	waitFor(check: () => boolean | Promise<boolean>, what = 'the condition', ms = 5_000): Promise<void> {
		return waitFor(check, what, ms);
	}

	/** Log lines of one plugin (or all), for asserting what was reported. */
	logsOf(plugin?: string): LogLine[] {
		return plugin ? this.logs.filter((l) => l.plugin === plugin) : this.logs;
	}

	stop(): Promise<void> {
		return this.cleanup();
	}
}

function seen(m: Json): SeenMessage {
	return {
		id: String(m.id),
		channelId: String(m.channel_id),
		authorId: String((m.author as Json | undefined)?.id ?? ''),
		content: String(m.content ?? ''),
		embeds: (m.embeds as Json[] | undefined) ?? [],
		components: (m.components as Json[] | undefined) ?? [],
		pings: (m.pings as string[] | undefined) ?? [],
		raw: m,
	};
}

/** Starts a TestFoyer: `const h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)] })`. */
export function startTestFoyer(options: TestFoyerOptions): Promise<TestFoyer> {
	return TestFoyer.start(options);
}

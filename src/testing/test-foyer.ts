import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { PermissionsBitField, type PermissionsString } from 'discord.js';
import { type Logger, pino } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../core/database/database.ts';
import { DbPluginStateStore } from '../core/plugins/db-plugin-state.ts';
import { bumpGeneration } from '../core/plugins/module-generations.ts';
import { MemoryPluginStateStore } from '../core/plugins/plugin-state.ts';
import { EmbeddedScheduler } from '../core/scheduling/embedded-scheduler.ts';
import type { Scheduler } from '../core/scheduling/job.ts';
import { MemoryJobStore } from '../core/scheduling/job-store.ts';
import { ControlError, EmulatorControl } from '../emulator/control-client.ts';
import { Emulator } from '../emulator/emulator.ts';
import { Foyer } from '../foyer.ts';
import { type Backend, sqliteBackend } from './backends.ts';
import { botRest, type RegisteredCommand } from './bot-rest.ts';
import { DashboardClient } from './dashboard-client.ts';
import type { LogLine } from './foyer-harness.ts';
import { type SeenMessage, seenMessage } from './seen-message.ts';
import { TestClock } from './test-clock.ts';
import { waitFor } from './wait-for.ts';

type Json = Record<string, unknown>;

export interface TestFoyerOptions {
	/**
	 * The plugins to load, as FOYER_PLUGINS lists them: folders (`new URL('..', import.meta.url)` from a
	 * plugin's own test, or paths) and npm package names.
	 */
	plugins: (string | URL)[];
	/**
	 * Where the data lives: a backend from `describeOnBackends` (SQLite + embedded scheduler, or
	 * PostgreSQL + BullMQ; you clean it up), by default a fresh SQLite file removed at stop. Either
	 * way the scheduler follows the test clock: `clock.advance()` runs what fell due.
	 */
	backend?: Backend;
	/** `false`: no database at all (plugin state and jobs in memory; plugins with entities fail to load). */
	database?: false;
	/** Overrides the backend's scheduler. */
	scheduler?: (logger: Logger, clock: Clock) => Scheduler;
	/** The emulator's rate limits (default off; `realistic` as on Discord). */
	rateLimits?: 'off' | 'realistic' | 'strict';
	/** Bot owners of the dashboard (default: the demo server's owner). */
	owners?: string[];
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

/** A REST call the bot made, as the emulator logged it. */
export interface LoggedRequest {
	id: number;
	method: string;
	/** The route template, e.g. `/guilds/:guild_id/members/:user_id`. */
	route: string;
	path: string;
	status: number;
	/** Discord's JSON error code of a refused call (50013...). */
	errorCode?: number;
}

/** Reads the bot's messages in one channel as they come: `await watch.next()` is the next one. */
export interface ChannelWatch {
	next(timeoutMs?: number): Promise<SeenMessage>;
}

interface Running {
	foyer: Foyer;
	scheduler: Scheduler;
	db: Database | null;
}

/**
 * A Discord emulator with its demo server, a Foyer logged into it with the given plugins, and the
 * helpers a plugin's tests need: members joining and leaving, commands and buttons as members,
 * what the bot sent (channels, DMs, pings, roles, REST calls), a clock that moves the emulator and
 * the scheduler together, a restart on the same data, and a logged-in dashboard client.
 * `stop()` closes everything.
 */
export class TestFoyer {
	/** Sapphire's container is process-wide: one TestFoyer at a time per test file (worker). */
	static #active: TestFoyer | null = null;
	#running: Running | null;

	private constructor(
		readonly emulator: Emulator,
		/** The emulator's control API (docs/emulator.md): anything the helpers below do not cover. */
		readonly control: EmulatorControl,
		/** Every log line of Foyer and its plugins (JSON), across restarts. */
		readonly logs: LogLine[],
		/** Moves Foyer, its scheduler and the emulator forward together. */
		readonly clock: TestClock,
		private readonly logger: Logger,
		private readonly options: TestFoyerOptions,
		private readonly storage: Backend | null,
		private readonly ownsStorage: boolean,
		running: Running,
	) {
		this.#running = running;
	}

	static async start(options: TestFoyerOptions): Promise<TestFoyer> {
		if (TestFoyer.#active)
			throw new Error('A TestFoyer is already running in this process: stop() it first (one Foyer per process)');
		const emulator = await Emulator.start({
			demo: true,
			...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
		});
		if (!emulator.demo) throw new Error('The emulator started without its demo server');
		const control = new EmulatorControl(emulator.url);
		const logs: LogLine[] = [];
		const stream = new Writable({
			write(chunk, _enc, done) {
				for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line) as LogLine);
				done();
			},
		});
		const logger = pino({ level: 'debug' }, stream);
		const storage = options.database === false ? null : (options.backend ?? sqliteBackend());
		const clock = new TestClock(control);
		let running: Running;
		try {
			running = await TestFoyer.#startFoyer(emulator, logger, clock, options, storage, await storage?.db());
		} catch (error) {
			await emulator.close();
			if (!options.backend) await storage?.cleanup();
			throw error;
		}
		const h = new TestFoyer(emulator, control, logs, clock, logger, options, storage, !options.backend, running);
		TestFoyer.#active = h;
		return h;
	}

	static async #startFoyer(
		emulator: Emulator,
		logger: Logger,
		clock: TestClock,
		options: TestFoyerOptions,
		storage: Backend | null,
		db: Database | undefined,
	): Promise<Running> {
		const scheduler =
			options.scheduler?.(logger, clock) ??
			storage?.scheduler(logger, clock) ??
			new EmbeddedScheduler(new MemoryJobStore(), logger, {
				pollMs: 50,
				retryDelayMs: () => 50,
				now: () => clock.now(),
			});
		const owner = emulator.demo?.owner.id;
		const foyer = await Foyer.start({
			token: emulator.token,
			restApi: emulator.apiUrl,
			pluginRoots: [],
			extraPlugins: pluginDirs(options),
			logger,
			// Settings and enablement in the database, as in production: they survive a restart.
			state: db ? await DbPluginStateStore.load(db) : new MemoryPluginStateStore(),
			...(db ? { db } : {}),
			dashboard: {
				oauth: { clientSecret: emulator.defaultApp.clientSecret, webUrl: emulator.url, apiUrl: emulator.apiUrl },
				owners: options.owners ?? (owner ? [owner] : []),
				sandbox: { emulatorUrl: emulator.url },
			},
			scheduler,
			clock,
		});
		clock.drive(scheduler);
		return { foyer, scheduler, db: db ?? null };
	}

	/** The running Foyer (a new one after `restart()`). */
	get foyer(): Foyer {
		if (!this.#running) throw new Error('Foyer is stopped (stopFoyer()); startFoyer() brings it back');
		return this.#running.foyer;
	}

	#current(): Running {
		if (!this.#running) throw new Error('Foyer is stopped (stopFoyer()); startFoyer() brings it back');
		return this.#running;
	}

	/**
	 * Stops Foyer and starts it again on the same database, emulator and clock, as a restarted
	 * process would: pending jobs, settings and plugin data are read back from the database.
	 */
	async restart(): Promise<void> {
		await this.stopFoyer();
		await this.startFoyer();
	}

	/** Stops Foyer alone (the emulator keeps running, the clock can move): `startFoyer()` brings it back. */
	async stopFoyer(): Promise<void> {
		if (!this.storage) throw new Error('Restarting needs a database: start without `database: false`');
		if (!this.#running) return;
		const running = this.#running;
		this.#running = null;
		// Time may pass while Foyer is down: nothing runs until it is back.
		this.clock.drive(null);
		await running.foyer.stop();
	}

	/** Starts Foyer again after `stopFoyer()`, on the same data (the database is reopened). */
	async startFoyer(): Promise<void> {
		if (!this.storage) throw new Error('Restarting needs a database: start without `database: false`');
		if (this.#running) throw new Error('Foyer is running: stopFoyer() first, or restart()');
		// A new process evaluates the plugins' modules anew: nothing they kept in memory survives.
		for (const dir of pluginDirs(this.options)) if (existsSync(dir)) bumpGeneration(resolve(dir));
		const db = await this.storage.reopen();
		this.#running = await TestFoyer.#startFoyer(this.emulator, this.logger, this.clock, this.options, this.storage, db);
		// What fell due while Foyer was down runs now, as it would in a process started after the downtime
		// (BullMQ's delays follow Redis's own time, which the test clock does not move).
		await this.clock.advance(0);
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

	/** A member joins the demo server (a new user unless `userId`); resolves their user id. */
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

	/** A member leaves the demo server; resolves the member count after. */
	async leave(userId: string): Promise<number> {
		return Number((await this.control.leave(this.guildId, userId)).member_count);
	}

	/** Creates an invite to the demo server (by default from the owner); resolves its code. */
	async createInvite(spec: { inviterId?: string; maxUses?: number; maxAgeSeconds?: number } = {}): Promise<string> {
		const invite = await this.control.createInvite(this.guildId, {
			...(spec.inviterId ? { inviter_id: spec.inviterId } : {}),
			...(spec.maxUses !== undefined ? { max_uses: spec.maxUses } : {}),
			...(spec.maxAgeSeconds !== undefined ? { max_age: spec.maxAgeSeconds } : {}),
		});
		return String(invite.code);
	}

	/** Runs a slash command as a member (`'welcome test'`, options by name); resolves the bot's reply. */
	async command(
		userId: string,
		command: string,
		options: Record<string, string | number | boolean> = {},
		where: { channel?: string; locale?: string } = {},
	): Promise<SeenMessage> {
		const result = await this.control.command({
			channel_id: this.channel(where.channel ?? 'general'),
			user_id: userId,
			command,
			...(Object.keys(options).length ? { options } : {}),
			...(where.locale ? { locale: where.locale } : {}),
		});
		return seenMessage(result.reply as Json);
	}

	/** Clicks a button of a message as a member; resolves the bot's answer. */
	async click(userId: string, message: SeenMessage, customId: string): Promise<SeenMessage> {
		const result = await this.control.click({
			channel_id: message.channelId,
			message_id: message.id,
			user_id: userId,
			custom_id: customId,
		});
		return seenMessage(result.reply as Json);
	}

	/** A member writes in a channel (as a person would; mentions ping as written); resolves the message. */
	async say(channel: string, userId: string, content: string): Promise<SeenMessage> {
		return seenMessage((await this.control.say(this.channel(channel), userId, content)) as Json);
	}

	/** A member reacts to a message with an emoji (`'👍'`); resolves whether the reaction is new. */
	async react(message: SeenMessage, userId: string, emoji: string): Promise<boolean> {
		return Boolean((await this.control.react(message.channelId, message.id, userId, emoji)).added);
	}

	/** A member takes their reaction back; resolves whether there was one. */
	async unreact(message: SeenMessage, userId: string, emoji: string): Promise<boolean> {
		const q = new URLSearchParams({ user_id: userId, emoji });
		const path = `/channels/${message.channelId}/messages/${message.id}/reactions?${q}`;
		return Boolean((await this.control.call('DELETE', path)).removed);
	}

	/** A message of a channel as it is now (edits, reactions), or null when it is gone. */
	async message(channel: string, messageId: string): Promise<SeenMessage | null> {
		return (await this.messages(channel)).find((m) => m.id === messageId) ?? null;
	}

	/** The application commands the bot registered: global ones, or a guild's. */
	commands(guildId?: string): Promise<RegisteredCommand[]> {
		const app = this.emulator.defaultApp.id;
		const path = guildId ? `/applications/${app}/guilds/${guildId}/commands` : `/applications/${app}/commands`;
		return botRest(this.emulator.apiUrl, this.emulator.token, 'GET', path);
	}

	/** One registered global command by name (undefined when there is none). */
	async registeredCommand(name: string): Promise<RegisteredCommand | undefined> {
		return (await this.commands()).find((c) => c.name === name);
	}

	/** The messages of a channel, oldest first (the latest 1000). */
	async messages(channel: string): Promise<SeenMessage[]> {
		const id = this.channel(channel);
		return ((await this.control.call('GET', `/channels/${id}/messages?limit=1000`)) as Json[]).map(seenMessage);
	}

	/** The messages the bot sent in a channel, oldest first. */
	async botMessages(channel: string): Promise<SeenMessage[]> {
		return (await this.messages(channel)).filter((m) => m.authorId === this.botId);
	}

	/** The id of the newest message of a channel (undefined when it is empty). */
	async lastMessageId(channel: string): Promise<string | undefined> {
		const id = this.channel(channel);
		const [last] = (await this.control.call('GET', `/channels/${id}/messages?limit=1`)) as Json[];
		return last ? String(last.id) : undefined;
	}

	/** Starts reading the bot's messages in a channel from now on; `next()` waits for each in turn. */
	async watch(channel: string): Promise<ChannelWatch> {
		const id = this.channel(channel);
		let after = await this.lastMessageId(id);
		return {
			next: async (timeoutMs = 5_000) => {
				const message = seenMessage(
					await this.control.waitForMessage(id, { ...(after ? { after } : {}), authorId: this.botId, timeoutMs }),
				);
				after = message.id;
				return message;
			},
		};
	}

	/** The direct messages a user received from the bot, oldest first. */
	async dms(userId: string): Promise<SeenMessage[]> {
		return (await this.control.dms(userId)).map((m) => seenMessage(m as Json));
	}

	/** A member as Discord's API shows them (roles, nick, pending, joined_at...); null when not a member. */
	async member(userId: string): Promise<Json | null> {
		try {
			return (await this.control.member(this.guildId, userId)) as Json;
		} catch (error) {
			if (error instanceof ControlError && error.status === 404) return null;
			throw error;
		}
	}

	/** A member's role ids, in the order Discord keeps them; null when they are not a member. */
	async rolesOf(userId: string): Promise<string[] | null> {
		const member = await this.member(userId);
		return member ? ((member.roles as string[] | undefined) ?? []) : null;
	}

	/** The demo server as the emulator holds it (member_count, members, roles, channels, invites). */
	guild(): Promise<Json> {
		return this.control.guild(this.guildId);
	}

	async memberCount(): Promise<number> {
		return Number((await this.guild()).member_count);
	}

	/** Creates a role as a server admin would; resolves its id once Foyer has seen it. */
	async createRole(name: string, options: { position?: number } = {}): Promise<string> {
		const { id } = await this.control.call('POST', `/guilds/${this.guildId}/roles`, { name, ...options });
		await this.waitFor(() => this.#cachedGuild()?.roles.cache.has(id) ?? false, `Foyer to see role ${name}`);
		return String(id);
	}

	/** Moves a role as a server admin would; resolves once Foyer has seen the move. */
	async moveRole(roleId: string, position: number): Promise<void> {
		await this.control.call('PATCH', `/guilds/${this.guildId}/roles/${roleId}`, { position });
		await this.waitFor(
			() => this.#cachedGuild()?.roles.cache.get(roleId)?.rawPosition === position,
			`Foyer to see role ${roleId} at position ${position}`,
		);
	}

	async deleteRole(roleId: string): Promise<void> {
		await this.control.call('DELETE', `/guilds/${this.guildId}/roles/${roleId}`);
	}

	/** Creates a text channel as a server admin would; resolves its id once Foyer has seen it. */
	async createChannel(name: string): Promise<string> {
		const { id } = await this.control.call('POST', `/guilds/${this.guildId}/channels`, { name });
		await this.waitFor(() => this.#cachedGuild()?.channels.cache.has(id) ?? false, `Foyer to see #${name}`);
		return String(id);
	}

	/**
	 * Denies permissions to everyone in a channel (an @everyone overwrite, as a server admin would set
	 * it); resolves once Foyer knows it lost them.
	 */
	async denyInChannel(channel: string, permissions: PermissionsString[]): Promise<void> {
		const id = this.channel(channel);
		const deny = new PermissionsBitField(permissions);
		await botRest(this.emulator.apiUrl, this.emulator.token, 'PUT', `/channels/${id}/permissions/${this.guildId}`, {
			type: 0,
			deny: deny.bitfield.toString(),
		});
		await this.waitFor(
			() => {
				const guild = this.#cachedGuild();
				const cached = guild?.channels.cache.get(id);
				const me = guild?.members.me;
				return !!cached && !!me && !cached.permissionsFor(me).any(deny);
			},
			`Foyer to lose ${permissions.join(', ')} in ${channel}`,
		);
	}

	#cachedGuild() {
		return this.foyer.client.guilds.cache.get(this.guildId);
	}

	/** The REST calls the bot made (method, route template, status, error code), after `since` (a request id). */
	async requests(since?: number): Promise<LoggedRequest[]> {
		return ((await this.control.requests(since === undefined ? {} : { since })).requests ?? []) as LoggedRequest[];
	}

	/** The id of the last request the emulator logged, to read only what comes after. */
	async lastRequestId(): Promise<number> {
		return Number((await this.control.requests()).last_id ?? 0);
	}

	/** How many REST calls the bot made per route (`'PUT /guilds/:guild_id/members/:user_id/roles/:role_id'`) after `since`. */
	async requestCounts(since?: number): Promise<Record<string, number>> {
		const counts: Record<string, number> = {};
		for (const r of await this.requests(since)) {
			const key = `${r.method} ${r.route}`;
			counts[key] = (counts[key] ?? 0) + 1;
		}
		return counts;
	}

	/** Turns a plugin on or off in the demo server (as the dashboard's switch does). */
	enable(pluginId: string, enabled = true): Promise<void> {
		return this.foyer.plugins.setEnabled(pluginId, this.guildId, enabled);
	}

	/** Hot-reloads a plugin from its folder (as `npm run dev` does on a change). */
	async reload(pluginId: string): Promise<void> {
		await this.foyer.plugins.reload(pluginId);
	}

	/** One-off scheduled jobs waiting to run (pending or running). */
	pendingJobs(): Promise<number> {
		return this.#current().scheduler.pending();
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

	/** Log lines at error level or worse (of one plugin, or all). */
	errors(plugin?: string): LogLine[] {
		return this.logsOf(plugin).filter((l) => l.level >= 50);
	}

	async stop(): Promise<void> {
		if (TestFoyer.#active === this) TestFoyer.#active = null;
		await this.#running?.foyer.stop();
		this.#running = null;
		await this.emulator.close();
		if (this.ownsStorage) await this.storage?.cleanup();
	}
}

/** The plugins as Foyer takes them (FOYER_PLUGINS entries): folders, or npm package names as written. */
function pluginDirs(options: TestFoyerOptions): string[] {
	return options.plugins.map((p) => (p instanceof URL ? fileURLToPath(p) : p));
}

/** Starts a TestFoyer: `const h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)] })`. */
export function startTestFoyer(options: TestFoyerOptions): Promise<TestFoyer> {
	return TestFoyer.start(options);
}

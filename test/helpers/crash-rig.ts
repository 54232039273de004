import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator, type EmulatorOptions } from '../../src/emulator/emulator.ts';
import type { Backend } from '../../src/testing/backends.ts';
import { type FoyerProcess, startFoyerProcess } from '../../src/testing/foyer-process.ts';
import { groundTruth, isComplete, type RaidGuild } from './ground-truth.ts';
import { configureRaidGuild } from './raid-setup.ts';
import { waitUntil } from './wait.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Discord's raid limits (messages 5 per 5 s per channel) with the role, DM and global limits four
 * times Discord's, so that a 200-member raid drains in seconds rather than a minute while the
 * welcomes still have to be combined and calls still wait for their buckets.
 */
export const FAST_RAID_LIMITS = {
	mode: 'realistic' as const,
	global_limit: 200,
	buckets: {
		'member.roles': { limit: 40, window_ms: 1_000 },
		'dm.create': { limit: 40, window_ms: 1_000 },
	},
};

export interface CrashRigOptions {
	backend: Backend;
	/** Minutes before the second auto role (Verified) is given. */
	delayMinutes?: number;
	emulator?: EmulatorOptions;
	/** Environment for every Foyer process started (on top of the backend's). */
	env?: () => Promise<Record<string, string>> | Record<string, string>;
}

/**
 * The emulator in the test process and Foyer as its own process (`npm start`, token mode) on a
 * backend, with the demo guild set up for a raid (welcomes, join DMs, an immediate and a delayed
 * auto role): Foyer can be killed for real (SIGKILL) and started again on the same database, and the
 * outcome is scored against what the emulator recorded.
 */
export class CrashRig {
	emulator!: Emulator;
	control!: EmulatorControl;
	setup!: RaidGuild;
	foyer: FoyerProcess | null = null;
	/** Every Foyer process started, in order (their logs). */
	readonly runs: FoyerProcess[] = [];
	readonly users: string[] = [];

	constructor(readonly options: CrashRigOptions) {}

	static async create(options: CrashRigOptions): Promise<CrashRig> {
		const rig = new CrashRig(options);
		rig.emulator = await Emulator.start({ demo: true, ...options.emulator });
		rig.control = new EmulatorControl(rig.emulator.url);
		await rig.start();
		rig.setup = await configureRaidGuild(rig.emulator, rig.control, options.delayMinutes ?? 0.05);
		await rig.control.setRateLimits(FAST_RAID_LIMITS);
		return rig;
	}

	async start(env: Record<string, string> = {}): Promise<FoyerProcess> {
		const extra = (await this.options.env?.()) ?? {};
		this.foyer = await startFoyerProcess({
			emulator: this.emulator,
			env: { ...(await this.options.backend.env()), ...extra, ...env },
		});
		this.runs.push(this.foyer);
		return this.foyer;
	}

	/** `kill -9`: no grace, no flush, nothing written after this point. */
	async kill(): Promise<void> {
		const foyer = this.foyer;
		if (!foyer) return;
		foyer.kill('SIGKILL');
		await foyer.exited;
		this.foyer = null;
	}

	/** `n` new members join, `perTick` at a time every 50 ms; resolves with their ids once all joined. */
	async raid(n: number, prefix: string, perTick = 10): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < n; i++) {
			const id = this.emulator.world.createUser({ username: `${prefix}${i}` }).id;
			ids.push(id);
			this.users.push(id);
			this.emulator.world.join(this.setup.guildId, id);
			if ((i + 1) % perTick === 0) await sleep(50);
		}
		return ids;
	}

	truth(users: readonly string[] = this.users) {
		return groundTruth(this.emulator, this.setup, users);
	}

	/** Members (of those who joined from index `from` on) the bot has DMed so far: a progress mark to kill at. */
	dmsSent(from = 0): number {
		const t = this.truth(this.users.slice(from));
		return t.dmsOnce + t.dmsTwice;
	}

	/**
	 * Waits until every member has been welcomed, DMed and given every role, then a while longer (a
	 * duplicate would show up then: the next combined window, a retried call), and scores it.
	 */
	async settled(ms = 90_000, quietMs = 6_000) {
		await waitUntil(() => isComplete(this.truth()), ms).catch((error: Error) => {
			// Say what is missing and what Foyer logged, not just "not met".
			const logged = this.runs.flatMap((r, i) =>
				r.logs.filter((l) => l.level >= 40).map((l) => `run ${i}: ${l.msg} ${JSON.stringify(l.err ?? '')}`),
			);
			throw new Error(`${error.message}: ${JSON.stringify(this.truth())}\n${logged.slice(-40).join('\n')}`);
		});
		await sleep(quietMs);
		return this.truth();
	}

	/**
	 * The dashboard's figures for the raid guild as stored: the plugins' counters (`plugin.name`) and the
	 * overview's joins and leaves of all days (read from the database Foyer writes).
	 */
	async storedFigures(): Promise<Record<string, number>> {
		const connection = (await this.options.backend.db()).em().getConnection();
		const guildId = this.setup.guildId;
		const out: Record<string, number> = {};
		const counters = (await connection.execute(
			'select plugin, name, value from foyer_plugin_counters where guild_id = ?',
			[guildId],
		)) as { plugin: string; name: string; value: number | string }[];
		for (const c of counters) out[`${c.plugin}.${c.name}`] = Number(c.value);
		const [days] = (await connection.execute(
			'select coalesce(sum(joins), 0) as joins, coalesce(sum(leaves), 0) as leaves from foyer_member_activity where guild_id = ?',
			[guildId],
		)) as { joins: number | string; leaves: number | string }[];
		out['overview.joins'] = Number(days?.joins ?? 0);
		out['overview.leaves'] = Number(days?.leaves ?? 0);
		return out;
	}

	/** Error lines (pino level >= 50) of the runs, from run `from` on. */
	errors(from = 0) {
		return this.runs.slice(from).flatMap((r) => r.logs.filter((l) => l.level >= 50));
	}

	async close(): Promise<void> {
		await this.kill();
		await this.emulator?.close();
		await this.options.backend.cleanup();
	}
}

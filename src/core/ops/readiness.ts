import type { Client } from 'discord.js';
import { Status } from 'discord.js';
import type { Database } from '../database/database.ts';
import type { Scheduler } from '../scheduling/job.ts';

export type CheckResult = 'ok' | 'down';

export interface Readiness {
	ready: boolean;
	checks: { gateway: CheckResult; database: CheckResult; scheduler: CheckResult };
}

/** Each check answers within this long or counts as down (a hung database must not hang /ready). */
const CHECK_TIMEOUT_MS = 2_000;

async function within(check: () => Promise<unknown>): Promise<CheckResult> {
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			check(),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
			}),
		]);
		return 'ok';
	} catch {
		return 'down';
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Whether Foyer can do its work: every gateway shard connected and ready, the database answering a
 * query, the scheduler answering (embedded: its table; BullMQ: Redis). Only `ok`/`down` per check:
 * no error text, host or version reaches the unauthenticated caller.
 */
export async function readiness(options: {
	client: Client;
	db?: Database | undefined;
	scheduler: Scheduler;
	stopping: boolean;
}): Promise<Readiness> {
	const { client } = options;
	const shards = [...client.ws.shards.values()];
	const gateway: CheckResult =
		!options.stopping && client.isReady() && shards.length > 0 && shards.every((s) => s.status === Status.Ready)
			? 'ok'
			: 'down';
	const [database, scheduler] = await Promise.all([
		options.db
			? within(() => (options.db as Database).em().getConnection().execute('select 1'))
			: Promise.resolve<CheckResult>('ok'),
		within(() => options.scheduler.pending()),
	]);
	return {
		ready: gateway === 'ok' && database === 'ok' && scheduler === 'ok',
		checks: { gateway, database, scheduler },
	};
}

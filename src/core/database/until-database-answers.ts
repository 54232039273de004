import { isDatabaseUnavailable } from './database-unavailable.ts';
import { DATABASE_WAIT_MS } from './wait-for-database.ts';

const retryDelay = (attempt: number) => Math.min(5_000, 250 * 2 ** (attempt - 1));

export interface UntilDatabaseAnswersOptions {
	/** Called once, when the first attempt fails because the database is not answering. */
	onWait?: (error: unknown) => void;
	/** Called once after `onWait`, when the work went through (or failed otherwise) in the end. */
	onDone?: () => void;
	/** How long to keep trying before the failure is let through (default 5 minutes). */
	maxWaitMs?: number;
}

/**
 * Runs `fn` again, with backoff, while it fails because the database is not answering (a restart, a
 * cut connection, SQLite's write lock held elsewhere), for work that no listener retry covers: a
 * plugin's own queue, a timer, an engine callback. `fn` must be safe to run again (its writes in one
 * transaction, or checked before they are made). Any other failure is thrown at once.
 */
export async function untilDatabaseAnswers<T>(
	fn: () => Promise<T>,
	options: UntilDatabaseAnswersOptions = {},
): Promise<T> {
	const started = Date.now();
	const maxWaitMs = options.maxWaitMs ?? DATABASE_WAIT_MS;
	let waited = false;
	try {
		for (let attempt = 1; ; attempt++) {
			try {
				return await fn();
			} catch (error) {
				if (!isDatabaseUnavailable(error) || Date.now() - started > maxWaitMs) throw error;
				if (!waited) options.onWait?.(error);
				waited = true;
				await new Promise((r) => setTimeout(r, retryDelay(attempt)));
			}
		}
	} finally {
		if (waited) options.onDone?.();
	}
}

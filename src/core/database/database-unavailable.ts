/** Network failures of a database connection (refused, cut, timed out). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLite's lock held by another connection; PostgreSQL's "admin shutdown", "cannot connect now",
 * the connection exception class (08...) and too many connections.
 */
const DATABASE_CODES = new Set([
	'SQLITE_BUSY',
	'SQLITE_LOCKED',
	'57P01',
	'57P02',
	'57P03',
	'08000',
	'08001',
	'08003',
	'08004',
	'08006',
	'53300',
]);

/** What node-postgres and its pool say when a connection goes away or cannot be had. */
const DRIVER_MESSAGES =
	/Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended unexpectedly|database is locked/i;

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	name?: unknown;
	cause?: unknown;
}

/**
 * Whether an error means "the database is not answering right now" (worth waiting for), as opposed
 * to a query that is wrong or refused (which retrying would only repeat). Network codes count only
 * on the error itself or under a MikroORM exception, so that a Discord REST call failing on the
 * network (undici's "fetch failed", with the code in its cause) is not taken for the database.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	let e = error as ErrorLike | undefined;
	// Whether `e` is the error itself or the cause of a MikroORM exception (DriverException...).
	let trusted = true;
	for (let depth = 0; trusted && e && typeof e === 'object' && depth < 5; depth++) {
		const code = typeof e.code === 'string' ? e.code : null;
		if (code && DATABASE_CODES.has(code)) return true;
		if (code && NETWORK_CODES.has(code)) return true;
		if (e.name === 'ConnectionException') return true;
		if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
		trusted = typeof e.name === 'string' && e.name.endsWith('Exception');
		e = e.cause as ErrorLike | undefined;
	}
	return false;
}

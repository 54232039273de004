import { expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/core/database/database-unavailable.ts';
import { DatabaseWaits } from '../../src/core/database/wait-for-database.ts';
import { nextEffectKey, runInEvent } from '../../src/core/events/event-context.ts';
import { captureLogs } from '../helpers/capture-logs.ts';

const withCode = (message: string, code?: string, name = 'Error') =>
	Object.assign(new Error(message), { name, ...(code ? { code } : {}) });

it('takes connection failures and a held SQLite lock for the database being away, not wrong queries or Discord', () => {
	expect(isDatabaseUnavailable(withCode('Connection terminated unexpectedly'))).toBe(true);
	expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
	expect(isDatabaseUnavailable(withCode('database is locked', 'SQLITE_BUSY', 'LockWaitTimeoutException'))).toBe(true);
	expect(isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
	const wrapped = withCode('x', undefined, 'DriverException');
	expect(isDatabaseUnavailable(Object.assign(wrapped, { cause: withCode('read ECONNRESET', 'ECONNRESET') }))).toBe(
		true,
	);
	// A REST call failing on the network (undici) is not the database.
	const fetchFailed = Object.assign(new TypeError('fetch failed'), {
		cause: withCode('read ECONNRESET', 'ECONNRESET'),
	});
	expect(isDatabaseUnavailable(fetchFailed)).toBe(false);
	expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
	expect(isDatabaseUnavailable(withCode('no such table: foo', 'SQLITE_ERROR'))).toBe(false);
	expect(isDatabaseUnavailable('boom')).toBe(false);
});

it('runs a listener again while the database is away, asking for its effects under the same keys, and says so once', async () => {
	const logs = captureLogs();
	const waits = new DatabaseWaits(
		() => logs.logger,
		() => false,
	);
	const keys: (string | null)[] = [];
	let failures = 2;
	const piece = {
		name: 'demo:member-add',
		run: async () => {
			keys.push(nextEffectKey('demo', 'message', 'user-1'));
			if (failures-- > 0) throw withCode('Connection terminated unexpectedly');
			return 'done';
		},
	};
	waits.wrap(piece);
	const result = await runInEvent('member-add:g:u:1', 'demo', () => piece.run());
	expect(result).toBe('done');
	expect(keys).toEqual(Array(3).fill('member-add:g:u:1/demo/message:user-1/1'));
	expect(logs.lines().map((l) => [l.level, l.msg])).toEqual([
		[40, 'Database unavailable: plugin listeners and tasks wait for it and are retried'],
		[30, 'Database available again: plugin listeners and tasks went on'],
	]);
});

it('lets other failures through at once, and stops waiting once told to give up', async () => {
	const logs = captureLogs();
	let givingUp = false;
	const waits = new DatabaseWaits(
		() => logs.logger,
		() => givingUp,
	);
	let runs = 0;
	await expect(
		waits.run('demo:x', async () => {
			runs++;
			throw withCode('duplicate key', '23505');
		}),
	).rejects.toThrow('duplicate key');
	expect(runs).toBe(1);
	givingUp = true;
	await expect(
		waits.run('demo:y', async () => {
			runs++;
			throw withCode('Connection terminated unexpectedly');
		}),
	).rejects.toThrow('Connection terminated');
	expect(runs).toBe(2);
});

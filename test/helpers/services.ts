import { describe, it } from 'vitest';

/** PostgreSQL for the dual-database suites (CI sets it: postgres://postgres@127.0.0.1:5432/test). */
export function postgresUrl(): string | undefined {
	return process.env.FOYER_TEST_POSTGRES_URL || undefined;
}

/** Redis for the BullMQ scheduler suite (CI sets it: redis://127.0.0.1:6379). */
export function redisUrl(): string | undefined {
	return process.env.FOYER_TEST_REDIS_URL || undefined;
}

/**
 * A suite that needs an external service: it runs when the service's URL is set. Otherwise it is
 * skipped with a line saying so, or, under FOYER_REQUIRE_ALL_SUITES=1 (CI), it fails: CI provides
 * every service, so a skip there would hide a broken setup.
 */
export function describeWithService(
	service: string,
	variable: string,
	url: string | undefined,
	name: string,
	fn: (url: string) => void,
): void {
	if (url) {
		describe(name, () => fn(url));
		return;
	}
	if (process.env.FOYER_REQUIRE_ALL_SUITES === '1') {
		describe(name, () => {
			it(`needs ${service}: set ${variable}`, () => {
				throw new Error(`${service} suite required (FOYER_REQUIRE_ALL_SUITES=1) but ${variable} is not set`);
			});
		});
		return;
	}
	console.warn(`[skipped] ${name}: ${service} is not configured; set ${variable} to run it`);
	describe.skip(name, () => fn(''));
}

export const describeWithPostgres = (name: string, fn: (url: string) => void) =>
	describeWithService('PostgreSQL', 'FOYER_TEST_POSTGRES_URL', postgresUrl(), name, fn);
export const describeWithRedis = (name: string, fn: (url: string) => void) =>
	describeWithService('Redis', 'FOYER_TEST_REDIS_URL', redisUrl(), name, fn);

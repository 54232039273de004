/** Discord's epoch (2015-01-01T00:00:00.000Z). Snowflakes count milliseconds from it. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Time-ordered snowflakes as Discord makes them: 42 bits of milliseconds since the Discord epoch,
 * 5 bits worker, 5 bits process, 12 bits increment. Real-looking ids matter: discord.js derives
 * `createdAt` from them and @discordjs/rest buckets routes by them.
 */
export class SnowflakeGenerator {
	#increment = 0n;
	readonly #worker: bigint;

	constructor(worker = 1) {
		this.#worker = BigInt(worker & 0x1f);
	}

	/** A snowflake for `timestampMs` (defaults to now). */
	next(timestampMs: number = Date.now()): string {
		this.#increment = (this.#increment + 1n) & 0xfffn;
		const ms = BigInt(Math.max(0, Math.floor(timestampMs))) - DISCORD_EPOCH;
		if (ms < 0n) throw new RangeError('Snowflakes cannot predate 2015-01-01');
		return ((ms << 22n) | (this.#worker << 17n) | this.#increment).toString();
	}
}

export function snowflakeTimestamp(id: string): number {
	return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

const MAX_SNOWFLAKE = (1n << 64n) - 1n;

/**
 * Whether a value is a snowflake as Discord reads one in requests: a decimal string of an unsigned
 * 64-bit integer (`"0"` is valid as a pagination bound). Ids the emulator mints have 17-19 digits.
 */
export function isSnowflake(value: unknown): value is string {
	return typeof value === 'string' && /^\d{1,20}$/.test(value) && BigInt(value) <= MAX_SNOWFLAKE;
}

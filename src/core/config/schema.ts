import { z } from 'zod';

const snowflakeList = z
	.string()
	.transform((s) =>
		s
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean),
	)
	.refine((ids) => ids.every((id) => /^\d{17,20}$/.test(id)), 'must be a comma-separated list of Discord user ids');

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * Every setting Foyer reads from the environment (or `.env`), with its default. A value that fails
 * validation stops the start with one line naming the variable.
 */
export const configSchema = z.object({
	DISCORD_TOKEN: z.string().min(50, 'looks too short to be a bot token').optional(),
	/** REST base URL; only for pointing Foyer at a Discord-compatible server other than discord.com. */
	DISCORD_API_URL: z.url().optional(),
	/** Where browsers log in (OAuth2 authorize page); Discord's unless pointing at another server. */
	DISCORD_OAUTH_URL: z.url().default('https://discord.com'),
	DISCORD_CLIENT_ID: z
		.string()
		.regex(/^\d{17,20}$/, 'must be the application id (a snowflake)')
		.optional(),
	DISCORD_CLIENT_SECRET: z.string().min(16).optional(),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite database)')
		.optional(),
	/** PostgreSQL schema for Foyer's tables (several Foyers can share one database); the server's default when unset. */
	DATABASE_SCHEMA: z
		.string()
		.regex(/^[a-z_][a-z0-9_]*$/, 'must be a lowercase SQL identifier')
		.optional(),
	FOYER_DATA_DIR: z.string().default('data'),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must be a redis:// URL')
		.optional(),
	/** BullMQ queue of the scheduled tasks (several Foyers can share one Redis). */
	REDIS_QUEUE: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, - or _')
		.default('foyer-tasks'),
	DASHBOARD_PORT: port.default(4000),
	/** Interface the dashboard listens on; 0.0.0.0 behind a reverse proxy in another container. */
	DASHBOARD_HOST: z.string().default('127.0.0.1'),
	DASHBOARD_URL: z.url().default('http://localhost:4000'),
	DASHBOARD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	BOT_OWNERS: snowflakeList.optional(),
	FOYER_PLUGINS: z
		.string()
		.transform((s) =>
			s
				.split(',')
				.map((x) => x.trim())
				.filter(Boolean),
		)
		.optional(),
	/** Prometheus metrics at GET /metrics on the dashboard port. */
	METRICS_ENABLED: z
		.enum(['true', 'false', '1', '0'])
		.default('false')
		.transform((v) => v === 'true' || v === '1'),
	/** On SIGTERM, how long work already under way may take before Foyer exits (the rest stays recorded). */
	SHUTDOWN_GRACE_S: z.coerce.number().min(0).max(300).default(10),
	LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
	LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
	EMULATOR_PORT: port.default(5005),
});

export type FoyerConfig = z.infer<typeof configSchema>;

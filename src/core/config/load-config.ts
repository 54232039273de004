import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { configSchema, type FoyerConfig } from './schema.ts';

export class ConfigError extends Error {
	constructor(
		readonly variable: string,
		detail: string,
	) {
		super(`Invalid configuration: ${variable} ${detail}`);
	}
}

/**
 * Reads the configuration from `env`, with `.env` (if present) filling what the environment leaves
 * unset. Empty strings count as unset so that `FOO=` in a `.env` does not trip validation.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): FoyerConfig {
	const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
	const merged: Record<string, string> = {};
	for (const [key, value] of Object.entries({ ...fromFile, ...env }))
		if (value !== undefined && value !== '') merged[key] = value;
	const result = configSchema.safeParse(merged);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const variable = String(issue?.path[0] ?? 'configuration');
	// Never echo the value: it may be a secret.
	throw new ConfigError(variable, issue?.message ?? 'is invalid');
}

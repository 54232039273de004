import { type ILogger, LogLevel } from '@sapphire/framework';
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
	level?: string;
	/** `pretty` for humans in a terminal; `json` (the default when not a TTY) for log collectors. */
	format?: 'json' | 'pretty';
}

/** The root logger. Plugins get `logger.child({ plugin: id })` so every line says whose it is. */
export function createLogger(options: LoggerOptions = {}): Logger {
	const pretty = (options.format ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty';
	return pino({
		level: options.level ?? 'info',
		base: undefined,
		// Tokens and secrets must never reach a log line, whatever object a caller logs.
		redact: {
			paths: ['token', '*.token', 'secret', '*.secret', 'authorization', '*.authorization', 'password', '*.password'],
			censor: '[redacted]',
		},
		...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } } : {}),
	});
}

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
	[LogLevel.Trace]: 'trace',
	[LogLevel.Debug]: 'debug',
	[LogLevel.Info]: 'info',
	[LogLevel.Warn]: 'warn',
	[LogLevel.Error]: 'error',
	[LogLevel.Fatal]: 'fatal',
};

/** Sapphire's logger interface on top of pino, so framework messages land in the same stream. */
export class SapphirePinoLogger implements ILogger {
	constructor(private readonly logger: Logger) {}

	has(level: LogLevel): boolean {
		const name = LEVELS[level];
		return name ? this.logger.isLevelEnabled(name) : false;
	}

	trace(...values: readonly unknown[]): void {
		this.write(LogLevel.Trace, ...values);
	}

	debug(...values: readonly unknown[]): void {
		this.write(LogLevel.Debug, ...values);
	}

	info(...values: readonly unknown[]): void {
		this.write(LogLevel.Info, ...values);
	}

	warn(...values: readonly unknown[]): void {
		this.write(LogLevel.Warn, ...values);
	}

	error(...values: readonly unknown[]): void {
		this.write(LogLevel.Error, ...values);
	}

	fatal(...values: readonly unknown[]): void {
		this.write(LogLevel.Fatal, ...values);
	}

	write(level: LogLevel, ...values: readonly unknown[]): void {
		const name = LEVELS[level];
		if (!name) return;
		const error = values.find((v): v is Error => v instanceof Error);
		const text = values
			.filter((v) => v !== error)
			.map(String)
			.join(' ');
		if (error) this.logger[name]({ err: error }, text || error.message);
		else this.logger[name](text);
	}
}

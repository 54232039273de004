import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { LogLine } from '../../src/testing/foyer-harness.ts';

/** A pino logger whose JSON lines are kept for assertions (every Foyer of a test shares it). */
export function captureLogs(level = 'debug') {
	const lines: LogLine[] = [];
	const stream = new Writable({
		write(chunk, _enc, done) {
			for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
			done();
		},
	});
	return {
		logger: pino({ level }, stream),
		lines: () => lines,
		errors: () => lines.filter((l) => l.level >= 50),
	};
}

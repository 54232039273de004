import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/core/config/load-config.ts';

const run = promisify(execFile);

describe('configuration from the environment and .env', () => {
	it('applies defaults when nothing is set', () => {
		const config = loadConfig({}, '/nonexistent/.env');
		expect(config.DASHBOARD_PORT).toBe(4000);
		expect(config.LOG_LEVEL).toBe('info');
		expect(config.DISCORD_TOKEN).toBeUndefined();
	});

	it('reads .env for what the environment leaves unset, the environment winning', () => {
		const dir = mkdtempSync(join(tmpdir(), 'foyer-env-'));
		writeFileSync(join(dir, '.env'), 'LOG_LEVEL=debug\nDASHBOARD_PORT=4100\nBOT_OWNERS=\n');
		const config = loadConfig({ DASHBOARD_PORT: '4200' }, join(dir, '.env'));
		expect(config.LOG_LEVEL).toBe('debug');
		expect(config.DASHBOARD_PORT).toBe(4200);
		expect(config.BOT_OWNERS).toBeUndefined();
	});

	it('names the bad variable without echoing its value', () => {
		const secret = 'mysql://user:hunter2@db/foyer';
		let error: unknown;
		try {
			loadConfig({ DATABASE_URL: secret }, '/nonexistent/.env');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).variable).toBe('DATABASE_URL');
		expect((error as Error).message).not.toContain('hunter2');
		expect(() => loadConfig({ BOT_OWNERS: '123,abc' }, '/nonexistent/.env')).toThrow(/BOT_OWNERS/);
		expect(() => loadConfig({ DASHBOARD_PORT: '70000' }, '/nonexistent/.env')).toThrow(/DASHBOARD_PORT/);
	});

	it('stops `npm start` with one line and exit code 2 on a bad value', async () => {
		const result = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
			env: { ...process.env, LOG_LEVEL: 'loud' },
		}).catch((e: { code: number; stderr: string }) => e);
		expect((result as { code: number }).code).toBe(2);
		const lines = (result as { stderr: string }).stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^Invalid configuration: LOG_LEVEL /);
	});
});

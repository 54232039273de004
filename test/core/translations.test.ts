import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Translations } from '../../src/core/i18n/translations.ts';

function pluginWith(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'foyer-i18n-'));
	mkdirSync(join(dir, 'languages'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'languages', name), text);
	return dir;
}

describe('plugin translations', () => {
	it('looks up nested keys per locale, falls back to en-US then to the key, and fills variables', async () => {
		const t = new Translations();
		await t.load(
			'greeter',
			pluginWith({
				'en-US.json': '{"hello":"Hello {name}","panel":{"title":"Greeter"}}',
				'fr.json': '{"hello":"Bonjour {name}"}',
			}),
		);
		expect(t.t('greeter', 'hello', { locale: 'fr', vars: { name: 'Ann' } })).toBe('Bonjour Ann');
		expect(t.t('greeter', 'panel.title', { locale: 'fr' })).toBe('Greeter');
		expect(t.t('greeter', 'missing.key')).toBe('missing.key');
		expect(t.t('greeter', 'hello', { vars: {} })).toBe('Hello {name}');
		t.drop('greeter');
		expect(t.t('greeter', 'hello')).toBe('hello');
	});

	it('refuses a catalog that is not JSON, naming the file', async () => {
		await expect(new Translations().load('x', pluginWith({ 'en-US.json': '{ nope' }))).rejects.toThrow(
			/en-US\.json is not valid JSON/,
		);
		await expect(new Translations().load('x', pluginWith({ 'en-US.json': '{"a":[1]}' }))).rejects.toThrow(
			/"a" must be a string/,
		);
	});
});

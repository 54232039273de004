import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeChain } from '../../src/core/i18n/locales.ts';
import { Translations } from '../../src/core/i18n/translations.ts';
import { startTestFoyer, type TestFoyer } from '../../src/testing/index.ts';

describe('languages: English and Spanish', () => {
	it('falls back from a regional locale to its language, then to English', () => {
		expect(localeChain('es-419')).toEqual(['es-419', 'es-ES', 'en-US']);
		expect(localeChain('en-GB')).toEqual(['en-GB', 'en-US']);
		expect(localeChain('fr')).toEqual(['fr', 'en-US']);
		expect(localeChain(null)).toEqual(['en-US']);
	});

	it('has every key of the core and of every built-in plugin in both languages', async () => {
		const t = new Translations();
		const catalogs = [
			['foyer', resolve('src/core/i18n')],
			...readdirSync(resolve('plugins')).map((id) => [id, join(resolve('plugins'), id)]),
		] as const;
		const missing: string[] = [];
		for (const [id, dir] of catalogs) {
			await t.load(id, dir);
			for (const m of t.missing(id)) missing.push(`${id}: ${m.key} missing in ${m.locale}`);
		}
		expect(missing).toEqual([]);
	});
});

describe('a Spanish-speaking server', () => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [resolve('plugins/join')] });
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('registers /welcome with its Spanish name and descriptions as Discord localizations', async () => {
		const command = [...h.emulator.defaultApp.globalCommands.values()].find((c) => c.name === 'welcome');
		expect(command?.name_localizations).toEqual({ 'es-ES': 'bienvenida' });
		expect(command?.description_localizations).toEqual({ 'es-ES': 'Mensajes de bienvenida para los miembros nuevos' });
	});

	it('answers a member in their own language, whatever the server speaks', async () => {
		const es = await h.command(h.demo.adminId, 'welcome show', {}, { locale: 'es-419' });
		expect(es.content).toMatch(/^Los mensajes de bienvenida se envían al canal del sistema del servidor\. Mensaje:/);
		const en = await h.command(h.demo.adminId, 'welcome show', {}, { locale: 'en-GB' });
		expect(en.content).toMatch(/^Welcome messages go to the server’s system channel\. Message:/);
		const denied = await h.command(h.demo.memberId, 'welcome show', {}, { locale: 'es-ES' }).catch((e: Error) => e);
		expect(String(denied)).toMatch(/lacks the permissions/);
	});

	it('welcomes with the Spanish default message once the server chose Spanish', async () => {
		await h.foyer.plugins.setLanguage(h.guildId, 'es-ES');
		const user = await h.join({ username: 'lucia', globalName: 'Lucía' });
		await h.waitFor(
			async () =>
				(await h.botMessages('general')).some((m) => m.content.startsWith(`¡Bienvenido <@${user}> a **Foyer Demo**!`)),
			'a Spanish welcome',
		);
		await expect(h.foyer.plugins.setLanguage(h.guildId, 'klingon')).rejects.toThrow(
			'Foyer does not speak "klingon"; choose one of en-US, es-ES',
		);
	});
});

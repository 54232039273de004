import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { describeWithChromium, launchBrowser, type TestBrowser } from '../helpers/browser.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;

/**
 * The server's language in a real Chromium: an English-speaking browser logs in, switches the demo
 * server to Spanish with the overview's form (a plain post and its 303), and every page of the
 * server follows; a Spanish-speaking browser gets the login page in Spanish before any server is known.
 */
describeWithChromium('the server language in a real browser', () => {
	let h: Harness;
	let b: TestBrowser;
	let page: Page;
	let base: string;
	const pageErrors: string[] = [];

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['join', 'leave'], { from: 'plugins' });
		base = h.foyer.httpUrl;
		b = await launchBrowser({ locale: 'en-US' });
		page = await b.context.newPage();
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(`${base}/`);
		await page.getByRole('link', { name: 'Log in with Discord' }).click();
		await page.waitForURL((u) => u.href.startsWith(`${h.emulator.url}/oauth2/authorize`));
		await page.locator(`a[data-user-id="${h.emulator.demo?.owner.id}"]`).click();
		await page.waitForURL((u) => u.href === `${base}/`);
	});
	afterAll(async () => {
		await b?.close();
		await h?.stop();
	});

	it('switches the server to Spanish from the overview, and its pages, navigation and plugins speak Spanish', async () => {
		await page.goto(`${base}/guilds/${h.guildId}`);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await expect.poll(() => page.getByRole('heading', { name: 'Growth' }).count()).toBe(1);

		await page.getByLabel("The server's language").selectOption('es-ES');
		await page.getByRole('button', { name: 'Save the language' }).click();
		await page.waitForURL((u) => u.pathname === `/guilds/${h.guildId}` && u.search === '?saved=language');
		await b.screenshot(page, 'language-overview-es');
		expect(await page.locator('html').getAttribute('lang')).toBe('es');
		await expect.poll(() => page.getByRole('status').filter({ hasText: 'Idioma guardado.' }).count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Crecimiento', exact: true }).count()).toBe(1);
		expect(await page.getByLabel('El idioma del servidor').inputValue()).toBe('es-ES');
		const nav = page.getByRole('navigation', { name: 'Páginas del servidor' });
		expect(await nav.getByRole('link').allTextContents()).toEqual(
			expect.arrayContaining(['Resumen', 'Mensajes de bienvenida', 'Mensajes de despedida', 'Registro de cambios']),
		);
		expect(await page.getByRole('link', { name: 'Ir al contenido' }).count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(1);

		await nav.getByRole('link', { name: 'Mensajes de despedida' }).click();
		await page.waitForURL((u) => u.pathname === `/leave/${h.guildId}`);
		await b.screenshot(page, 'language-leave-es');
		expect(await page.getByRole('heading', { name: 'Mensajes de despedida', level: 1 }).count()).toBe(1);
		expect(await page.getByText('Despedidas enviadas').count()).toBe(1);
		expect(await page.getByLabel('Mensaje para muchos miembros a la vez').count()).toBe(1);

		await page.goto(`${base}/join/${h.guildId}`);
		expect(await page.getByRole('button', { name: 'Enviar un mensaje de prueba' }).count()).toBe(1);
		// The preview of the Spanish default welcome, under its Spanish label.
		expect(await page.getByLabel('Mensaje', { exact: true }).inputValue()).toMatch(/^¡Bienvenido %member_mention%/);
		expect(await page.getByText('Vista previa (como si acabaras de entrar):').count()).toBeGreaterThan(0);

		await page.goto(`${base}/guilds/${h.guildId}/audit`);
		expect(await page.locator('#audit-table').getByText('Idioma cambiado').count()).toBe(1);
		expect(pageErrors).toEqual([]);
	});

	it('switches back to English the same way', async () => {
		await page.goto(`${base}/guilds/${h.guildId}`);
		await page.getByLabel('El idioma del servidor').selectOption('en-US');
		await page.getByRole('button', { name: 'Guardar el idioma' }).click();
		await page.waitForURL((u) => u.search === '?saved=language');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await expect.poll(() => page.getByRole('status').filter({ hasText: 'Language saved.' }).count()).toBe(1);
		expect(h.foyer.plugins.language(h.guildId)).toBe('en-US');
	});

	it('shows a Spanish-speaking browser the login page in Spanish, before any server is known', async () => {
		const context = await b.newContext({ locale: 'es-ES' });
		const other = await context.newPage();
		await other.goto(`${base}/`);
		expect(new URL(other.url()).pathname).toBe('/login');
		expect(await other.getByRole('heading', { name: 'Inicia sesión en Foyer' }).count()).toBe(1);
		expect(await other.getByRole('link', { name: 'Iniciar sesión con Discord' }).count()).toBe(1);
		await context.close();
	});
});

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/i18n/locales.ts';
import { localeFromAcceptLanguage } from '../../src/core/i18n/negotiate.ts';
import { Translations } from '../../src/core/i18n/translations.ts';
import { CORE_EMITTER } from '../../src/core/plugins/kit/event-bus.ts';
import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from '../../src/testing/index.ts';

/** Every built-in plugin that speaks more than English: a plugin that gains `languages/` is covered here at once. */
const TRANSLATED = readdirSync(resolve('plugins'))
	.filter((id) => existsSync(join(resolve('plugins'), id, 'languages')))
	.sort();

/** The `{vars}` and `%placeholders%` of a text: a translation must keep them all, unchanged. */
const slots = (text: string) => [...text.matchAll(/\{\w+\}|%\w+%/g)].map((m) => m[0]).sort();

/** What a reader sees of a page: the text between tags, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&#39;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

describe('the catalogs', () => {
	it('match between English and Spanish, key for key and placeholder for placeholder, in the core and every plugin', async () => {
		const t = new Translations();
		const problems: string[] = [];
		for (const [id, dir] of [
			[CORE_EMITTER, resolve('src/core/i18n')],
			...TRANSLATED.map((p) => [p, join(resolve('plugins'), p)]),
		] as const) {
			await t.load(id, dir);
			for (const m of t.missing(id)) problems.push(`${id}: ${m.key} missing in ${m.locale}`);
		}
		// The same keys in both, so comparing the placeholders key by key covers them all.
		for (const [id, dir] of [
			[CORE_EMITTER, resolve('src/core/i18n')],
			...TRANSLATED.map((p) => [p, join(resolve('plugins'), p)]),
		] as const) {
			const en = (await import(join(dir, 'languages', 'en-US.json'), { with: { type: 'json' } })).default;
			for (const [key, text] of flatten(en)) {
				const es = t.find(id, key, 'es-ES');
				if (es !== undefined && slots(es).join() !== slots(text).join())
					problems.push(
						`${id}: ${key} has ${slots(text).join(' ') || 'no placeholders'} in English, ${slots(es).join(' ') || 'none'} in Spanish`,
					);
			}
		}
		expect(problems).toEqual([]);
		expect(TRANSLATED).toEqual(
			expect.arrayContaining(['autoroles', 'join', 'join-dm', 'leave', 'loyalty', 'verification']),
		);
	});

	it('picks the page language from Accept-Language by weight, language first, English when none is spoken', () => {
		expect(localeFromAcceptLanguage('es-AR,es;q=0.9,en;q=0.8')).toBe('es-ES');
		expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,en-GB;q=0.5,es;q=0.4')).toBe('en-US');
		expect(localeFromAcceptLanguage('de, es;q=0.1')).toBe('es-ES');
		expect(localeFromAcceptLanguage('fr, de')).toBeNull();
		expect(localeFromAcceptLanguage(undefined)).toBeNull();
		expect(LOCALES).toEqual(['en-US', 'es-ES']);
	});
});

/**
 * Whether a page's text shows an English catalog text as words of their own. A short text found
 * inside other words is no leftover: invites' "a bot" is the end of one Spanish word and the start
 * of the next in "captcha botón" and "para bots". So an edge of the text that is a letter or a digit
 * must not touch another letter or digit on the page; edges that are punctuation ("Invite
 * tracking:") are matched as they are.
 */
function shows(text: string, english: string): boolean {
	const word = /[\p{L}\p{N}]/u;
	const chars = [...english];
	const before = word.test(chars[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '';
	const after = word.test(chars.at(-1) ?? '') ? '(?![\\p{L}\\p{N}])' : '';
	return new RegExp(`${before}${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${after}`, 'u').test(text);
}

function flatten(value: unknown, prefix = ''): [string, string][] {
	if (typeof value === 'string') return [[prefix, value]];
	return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
		flatten(v, prefix ? `${prefix}.${k}` : k),
	);
}

describeOnBackends('a Spanish-speaking server', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	const english = new Map<string, string[]>();

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: TRANSLATED.map((p) => resolve('plugins', p)), backend });
		admin = await h.dashboard(h.demo.ownerId);
		// Every English text of the catalogs that Spanish words differently: none may be left on a Spanish page.
		const t = h.foyer.plugins.i18n;
		for (const [id, dir] of [
			[CORE_EMITTER, resolve('src/core/i18n')],
			...TRANSLATED.map((p) => [p, join(resolve('plugins'), p)]),
		] as const) {
			const en = (await import(join(dir, 'languages', 'en-US.json'), { with: { type: 'json' } })).default;
			english.set(
				id,
				flatten(en)
					// Whole sentences and labels of several words, without placeholders: a leftover is unmistakable.
					.filter(([key, text]) => !/[{%]/.test(text) && /\s/.test(text) && t.find(id, key, 'es-ES') !== text)
					.map(([, text]) => text),
			);
		}
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('names its slash commands, subcommands, options and choices in Spanish through Discord localizations', () => {
		const commands = [...h.emulator.defaultApp.globalCommands.values()];
		const byName = (name: string) => commands.find((c) => c.name === name);
		expect(byName('autoroles')?.name_localizations).toEqual({ 'es-ES': 'autorroles' });
		expect(byName('autoroles')?.description_localizations).toEqual({
			'es-ES': 'Roles que reciben automáticamente los miembros nuevos',
		});
		const add = byName('autoroles')?.options?.find((o) => o.name === 'add') as
			| {
					name_localizations?: object;
					options?: {
						name: string;
						name_localizations?: object;
						description_localizations?: object;
						choices?: { name_localizations?: object }[];
					}[];
			  }
			| undefined;
		expect(add?.name_localizations).toEqual({ 'es-ES': 'añadir' });
		const delay = add?.options?.find((o) => o.name === 'delay');
		expect(delay?.name_localizations).toEqual({ 'es-ES': 'espera' });
		expect(delay?.description_localizations).toEqual({
			'es-ES': 'Minutos de espera tras la entrada, de 0 a 10080 (7 días); por defecto 0',
		});
		expect(add?.options?.find((o) => o.name === 'target')?.choices?.map((c) => c.name_localizations)).toEqual([
			{ 'es-ES': 'humanos' },
			{ 'es-ES': 'bots' },
		]);
		expect(byName('verify')?.name_localizations).toEqual({ 'es-ES': 'verificar' });
		expect(byName('points')?.name_localizations).toEqual({ 'es-ES': 'puntos' });
		expect(byName('welcome')?.name_localizations).toEqual({ 'es-ES': 'bienvenida' });
		expect(byName('goodbye')?.name_localizations).toBeDefined();
	});

	it('answers each member in their own Discord language, whatever the server speaks', async () => {
		const es = await h.command(h.demo.adminId, 'autoroles list', {}, { locale: 'es-419' });
		expect(es.content).toBe('Todavía no hay roles automáticos. Añade uno con /autorroles añadir.');
		const en = await h.command(h.demo.adminId, 'autoroles list', {}, { locale: 'en-GB' });
		expect(en.content).toBe('No auto roles yet. Add one with /autoroles add.');
		// Verification is off by default: the core refuses its commands, in the member's language too.
		const points = await h.command(h.demo.memberId, 'points view', {}, { locale: 'es-ES' });
		expect(points.content).toBe(
			'Tienes **0** puntos, todavía sin nivel.\nSiguiente: VIP Tier 1 con 100 puntos (faltan 100).',
		);
		const denied = await h.command(
			h.demo.memberId,
			'points adjust',
			{ user: h.demo.adminId, amount: 5, reason: 'x' },
			{ locale: 'es-ES' },
		);
		expect(denied.content).toBe('Necesitas el permiso Gestionar servidor para cambiar puntos.');
		const refused = await h.command(
			h.demo.adminId,
			'points purchase',
			{ user: h.demo.memberId, amount: '1.234', order: 'A-1' },
			{ locale: 'es-ES' },
		);
		expect(refused.content).toBe(
			'No se registró: amount debe ser un importe positivo como 49.99, con 2 decimales como máximo',
		);
		const mine = await h.command(h.demo.memberId, 'points view', {}, { locale: 'en-US' });
		expect(mine.content).toBe('You have **0** points, no tier yet.\nNext: VIP Tier 1 at 100 points (100 to go).');
		const off = await h.command(h.demo.adminId, 'verify status', {}, { locale: 'es-ES' });
		expect(off.content).toBe('El plugin Verificación no está activado en este servidor.');
		await h.foyer.plugins.setEnabled('verification', h.guildId, true);
		const status = await h.command(h.demo.adminId, 'verify status', {}, { locale: 'es-ES' });
		expect(status.content).toMatch(/^La verificación está desactivada en este servidor\.\nRol de verificado: ninguno;/);
		expect(status.content).toContain('Problema: Elige un canal de verificación');
		await h.foyer.plugins.setEnabled('verification', h.guildId, false);
	});

	it('shows every dashboard page of the server in Spanish once the admin chose it, with no English left', async () => {
		const g = h.guildId;
		const paths = [
			`/guilds/${g}`,
			`/guilds/${g}?days=90`,
			`/guilds/${g}/audit`,
			...TRANSLATED.flatMap((id) => [`/${id}/${g}`, `/guilds/${g}/plugins/${id}/settings`]),
		];
		const before = await admin.page(`/guilds/${g}`);
		expect(await before.text()).toContain('<html lang="en">');

		const saved = await admin.form(`/guilds/${g}/language`, { language: 'es-ES' });
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`/guilds/${g}?saved=language`);
		expect(h.foyer.plugins.language(g)).toBe('es-ES');

		// Loyalty with something to show: a tier, a member's ledger line, a secret and a previous one.
		const loyalty = `/loyalty/${g}`;
		const member = h.demo.memberId;
		const changes = [
			await admin.form(`${loyalty}/tiers`, { name: 'Oro', threshold: '50', role: '', benefits: 'Rol especial' }),
			await admin.form(`${loyalty}/adjust`, {
				user: member,
				amount: '12000',
				reason: 'Bienvenida',
				nonce: 'es-test-01',
			}),
			await admin.form(`${loyalty}/webhook/rotate`, {}),
			await admin.form(`${loyalty}/webhook/rotate`, {}),
		];
		expect(changes.map((r) => r.status)).toEqual([303, 303, 200, 200]);
		paths.push(`${loyalty}/leaderboard`, `${loyalty}/members?user=${member}`);

		// Invite tracking with rows in every table: a rank, a blacklisted member, and a tracked join
		// that its fraud rules flag (an account a day old), so the join log, the suspicious list and
		// the inviter's page all show one.
		const invites = `/invites/${g}`;
		await h.clock.advance(3_000);
		const code = await h.createInvite({ inviterId: h.demo.adminId });
		const young = await h.join({ username: 'joven', accountAgeDays: 1, invite: code });
		const listed = [
			await admin.form(`${invites}/ranks`, { role: h.role('VIP'), invites: '10000' }),
			await admin.form(`${invites}/blacklist`, { user: member, reason: 'Spam' }),
		];
		expect(listed.map((r) => r.status)).toEqual([303, 303]);
		await h.waitFor(
			async () => (await (await admin.page(`${invites}/fraud`)).text()).includes(`data-member-id="${young}"`),
			'the young account’s join flagged',
			15_000,
		);
		const today = new Date(h.clock.now()).toISOString().slice(0, 10);
		const weekAgo = new Date(h.clock.now() - 6 * 86_400_000).toISOString().slice(0, 10);
		paths.push(
			`${invites}/stats`,
			`${invites}/stats?from=${weekAgo}&to=${today}`,
			`${invites}/joins`,
			`${invites}/joins?flag=any&inviter=${h.demo.adminId}`,
			`${invites}/codes`,
			`${invites}/ranks`,
			`${invites}/fraud`,
			`${invites}/inviter?user=${h.demo.adminId}`,
		);

		// Words that only a forgotten hard-coded string would bring back (catalog texts are checked below).
		const leftovers = [
			'Skip to content',
			'Log out',
			'Audit log',
			'Turn off',
			'Plugins at a glance',
			'Net growth',
			'Members welcomed',
			'Roles given',
			'Add a rule',
			'Raid lockdown',
			'Verification channel',
			'Points given',
			'DMs sent',
			'Goodbyes said',
			'Send a test message',
			'Wait for verification',
			'Preview (as if',
		];
		const found: string[] = [];
		for (const path of paths) {
			const response = await admin.page(path);
			expect(response.status, path).toBe(200);
			const html = await response.text();
			expect(html, path).toContain('<html lang="es">');
			const text = visibleText(html);
			for (const word of leftovers) if (text.includes(word)) found.push(`${path}: "${word}"`);
			for (const [id, texts] of english)
				for (const sentence of texts) if (shows(text, sentence)) found.push(`${path}: ${id} "${sentence}"`);
		}
		// Answers that are not a 200 are pages too: refused lookups, forms and filters, each with a
		// Spanish word of its own page.
		for (const [path, answer, spanish] of [
			[`${loyalty}/members?user=abc`, admin.page(`${loyalty}/members?user=abc`), 'Fidelidad'],
			[
				`${loyalty}/tiers`,
				admin.form(`${loyalty}/tiers`, { name: '', threshold: '0', role: '', benefits: '' }),
				'Fidelidad',
			],
			[`${invites}/stats?from=2026-02-30`, admin.page(`${invites}/stats?from=2026-02-30`), 'Escribe el primer día'],
			[`${invites}/joins?source=x`, admin.page(`${invites}/joins?source=x`), 'Elige un origen'],
			[`${invites}/inviter?user=abc`, admin.page(`${invites}/inviter?user=abc`), 'Di de quién es la página'],
			[`${invites}/ranks`, admin.form(`${invites}/ranks`, { role: '', invites: 'x' }), 'Elige un rol.'],
			[`${invites}/blacklist`, admin.form(`${invites}/blacklist`, { user: 'x', reason: '' }), 'Di por qué'],
			[
				`${invites}/codes`,
				admin.form(`${invites}/codes`, { channel: '', maxUses: '500', maxAge: '1', targets: 'alice' }),
				'No son ids de usuario',
			],
		] as const) {
			const response = await answer;
			expect(response.status, path).toBe(422);
			const text = visibleText(await response.text());
			for (const [id, texts] of english)
				for (const sentence of texts) if (shows(text, sentence)) found.push(`${path}: ${id} "${sentence}"`);
			found.push(...[text].filter((t) => !t.includes(spanish)).map(() => `${path}: not the Spanish page`));
		}
		expect(found).toEqual([]);

		// Numbers in the page's language: Spanish groups thousands with a dot.
		expect(await (await admin.page(`${invites}/ranks`)).text()).toContain('<td data-col="invites">10.000</td>');
		expect(await (await admin.page(`${loyalty}/leaderboard`)).text()).toContain('</a></td><td>12.000</td>');
		const ledger = await (await admin.page(`${loyalty}/members?user=${member}`)).text();
		expect(ledger).toContain('<dd id="loyalty-points">12.000</dd>');
		expect(ledger).toContain('<td>+12.000</td>');

		const overview = await (await admin.page(`/guilds/${g}?saved=language`)).text();
		expect(overview).toContain('Idioma guardado.');
		expect(overview).toContain('<option value="es-ES" lang="es-ES" selected>Español</option>');
		expect(overview).toContain('Crecimiento neto (30 días)');
		const audit = await admin.audit(g, { action: 'language.update' });
		expect(audit[0]).toMatchObject({
			action: 'language.update',
			label: 'Idioma cambiado',
			after: { language: 'es-ES' },
		});
		const ranks = await admin.audit(g, { action: 'invites.rank.add' });
		expect(ranks[0]).toMatchObject({ label: 'Rango por invitaciones añadido', after: { invites: 10_000 } });
	});

	it('writes settings errors in the page language and stores nothing', async () => {
		const g = h.guildId;
		const before = h.foyer.plugins.settings('join', g);
		const refused = await admin.form(`/guilds/${g}/plugins/join/settings`, { template: '' }, { htmx: true });
		expect(refused.status).toBe(422);
		const html = await refused.text();
		expect(html).toContain('No se guardó nada: corrige los campos marcados abajo.');
		expect(html).toContain('Mensaje debe tener al menos 1 caracteres');
		expect(h.foyer.plugins.settings('join', g)).toEqual(before);
	});

	it('refuses a language Foyer does not speak, changing nothing, and keeps global pages on the browser’s language', async () => {
		const g = h.guildId;
		const refused = await admin.form(`/guilds/${g}/language`, { language: 'fr-FR' });
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain(
			'Elige uno de los idiomas que habla Foyer: English (en-US), Español (es-ES)',
		);
		expect(h.foyer.plugins.language(g)).toBe('es-ES');
		const member = await h.dashboard(h.demo.memberId);
		expect((await member.form(`/guilds/${g}/language`, { language: 'en-US' })).status).toBe(403);
		expect(h.foyer.plugins.language(g)).toBe('es-ES');

		// A body the dashboard cannot read is refused before any server is known: in the browser's language.
		const nested = await admin.request('POST', `/guilds/${g}/language`, '{"language":{"a":1}}', {
			'content-type': 'application/json',
			'accept-language': 'es-ES,es;q=0.9',
		});
		expect(nested.status).toBe(400);
		expect(await nested.text()).toContain('El campo &quot;language&quot; debe ser texto.');
		const xml = await admin.request('POST', `/guilds/${g}/language`, '<language/>', {
			'content-type': 'text/xml',
			'accept-language': 'es',
		});
		expect(xml.status).toBe(415);
		expect(await xml.text()).toContain(
			'Envía el formulario como application/x-www-form-urlencoded o application/json.',
		);
		expect(h.foyer.plugins.language(g)).toBe('es-ES');

		const picker = await admin.page('/', { 'accept-language': 'es-MX,es;q=0.9' });
		expect(await picker.text()).toContain('<h1>Tus servidores</h1>');
		const english = await admin.page('/', { 'accept-language': 'en-GB,en;q=0.9' });
		expect(await english.text()).toContain('<h1>Your servers</h1>');

		expect((await admin.form(`/guilds/${g}/language`, { language: 'en-US' })).status).toBe(303);
		expect(await (await admin.page(`/guilds/${g}`)).text()).toContain('<html lang="en">');
	});
});

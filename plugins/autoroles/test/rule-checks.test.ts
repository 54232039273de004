import { fileURLToPath } from 'node:url';
import type { Translate } from 'foyer';
import { whyNotAssignable } from 'foyer';
import { catalogTranslator } from 'foyer/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeDelay, parseRuleInput } from '../_rule-input.ts';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));

describe('auto roles checks shared by the command and the dashboard', () => {
	let en: Translate;
	let es: Translate;
	beforeAll(async () => {
		en = await catalogTranslator(pluginDir, 'en-US');
		es = await catalogTranslator(pluginDir, 'es-ES');
	});

	const bot = { highest: { id: '1'.repeat(18), name: 'Foyer', position: 5, managed: true }, canManageRoles: true };
	const role = (position: number, managed = false) => ({ id: '2'.repeat(18), name: 'Fans', position, managed });

	it('accepts roles strictly below Foyer and explains every refusal', () => {
		expect(whyNotAssignable(role(4), bot, '9'.repeat(18))).toBeNull();
		expect(whyNotAssignable(role(5), bot, '9'.repeat(18))).toMatch(/^Role Fans is above Foyer's highest role Foyer/);
		expect(whyNotAssignable(role(1, true), bot, '9'.repeat(18))).toMatch(/managed by an integration/);
		expect(whyNotAssignable(role(1), { ...bot, canManageRoles: false }, '9'.repeat(18))).toMatch(/Manage Roles/);
		expect(whyNotAssignable(role(0), bot, '2'.repeat(18))).toMatch(/@everyone/);
		// In the reader's language too (a Spanish server's pages, a Spanish member's reply).
		expect(whyNotAssignable(role(5), bot, '9'.repeat(18), 'es-ES')).toBe(
			'El rol Fans está por encima del rol más alto de Foyer, Foyer; sube el rol de Foyer por encima de él en Ajustes del servidor > Roles.',
		);
		expect(whyNotAssignable(role(1), { ...bot, canManageRoles: false }, '9'.repeat(18), 'es-419')).toMatch(
			/^A Foyer le falta el permiso Gestionar roles/,
		);
	});

	it('validates form input field by field and words delays', () => {
		expect(parseRuleInput({ roleId: '2'.repeat(18), delaySeconds: '90', target: 'bots' }, en)).toEqual({
			ok: true,
			value: { roleId: '2'.repeat(18), delaySeconds: 90, target: 'bots' },
		});
		const bad = parseRuleInput({ roleId: 'x', delaySeconds: 604_801, target: 'aliens' }, en);
		expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['delay', 'role', 'target']);
		expect([0, 1, 90, 5400, 604_800].map((s) => describeDelay(s, en))).toEqual([
			'at once',
			'after 1 s',
			'after 1 min 30 s',
			'after 1 h 30 min',
			'after 7 d',
		]);
		expect([0, 5400].map((s) => describeDelay(s, es))).toEqual(['al momento', 'tras 1 h 30 min']);
		const malo = parseRuleInput({ roleId: 'x', target: 'aliens' }, es);
		expect(malo.ok ? {} : malo.errors).toEqual({
			role: 'Elige un rol.',
			target: 'Los destinatarios deben ser humanos o bots.',
		});
	});
});

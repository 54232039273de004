import { fileURLToPath } from 'node:url';
import type { Translate } from 'foyer';
import { catalogTranslator } from 'foyer/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMinor, parseAmount, pointsFor } from '../_amount.ts';
import { csvCell, csvRow } from '../_csv.ts';
import { fingerprintOf, parseOrder } from '../_order-input.ts';
import { signatureFor, signatureMatches } from '../_signature.ts';
import { wantedRoles } from '../_sync.ts';
import { nextTier, parseTierInput, tierFor } from '../_tier-input.ts';

const PLUGIN_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('loyalty pure parts', () => {
	let en: Translate;
	let es: Translate;
	beforeAll(async () => {
		en = await catalogTranslator(PLUGIN_DIR, 'en-US');
		es = await catalogTranslator(PLUGIN_DIR, 'es-ES');
	});

	it('CSV: quotes commas, quotes and line breaks; guards text a spreadsheet would run as a formula', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
		expect(csvCell('=SUM(A1,A2)')).toBe(`"'=SUM(A1,A2)"`);
		expect(csvCell(-50)).toBe('-50');
		expect(csvCell(null)).toBe('');
		expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
	});

	it('amounts in hundredths, never floats; points rounded down', () => {
		expect(parseAmount('49.99', en)).toEqual({ ok: true, minor: 4999 });
		expect(parseAmount(49.99, en)).toEqual({ ok: true, minor: 4999 });
		expect(parseAmount('50', en)).toEqual({ ok: true, minor: 5000 });
		expect(parseAmount(0.1 + 0.2, en)).toEqual({ ok: true, minor: 30 }); // float noise, not a third decimal
		expect(parseAmount(1.005, en)).toEqual({ ok: false, error: 'must have at most 2 decimals' });
		for (const bad of ['-1', '0', '0.00', '1.234', '1e3', ' ', '', '1,00', '10000000.00', null, true, Number.NaN])
			expect(parseAmount(bad, en).ok, String(bad)).toBe(false);
		expect(formatMinor(4999)).toBe('49.99');
		expect(formatMinor(-5)).toBe('-0.05');
		expect(pointsFor(4999, 1)).toBe(49);
		expect(pointsFor(5000, 3)).toBe(150);
	});

	it('an order’s fingerprint ignores JSON spelling and currency case, not the fields', () => {
		const a = parseOrder(
			{
				type: 'purchase',
				order_id: 'A',
				user_id: '123456789012345678',
				amount: '5',
				currency: 'usd',
			},
			en,
		);
		const b = parseOrder(
			{
				currency: 'USD',
				amount: 5,
				user_id: '123456789012345678',
				order_id: 'A',
				type: 'purchase',
				extra: 1,
			},
			en,
		);
		const c = parseOrder(
			{
				type: 'purchase',
				order_id: 'A',
				user_id: '123456789012345678',
				amount: '5.01',
				currency: 'USD',
			},
			en,
		);
		if (!a.ok || !b.ok || !c.ok) throw new Error('parse failed');
		expect(fingerprintOf(a.value)).toBe(fingerprintOf(b.value));
		expect(fingerprintOf(a.value)).not.toBe(fingerprintOf(c.value));
	});

	it('signatures: HMAC-SHA256 of "<timestamp>.<body>", any of the candidate secrets, exact bytes only', () => {
		const body = Buffer.from('{"a":1}');
		const header = signatureFor('s1', 1700000000, body);
		expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(signatureMatches(header, ['s1'], '1700000000', body)).toBe(true);
		expect(signatureMatches(header.toUpperCase().replace('SHA256=', 'sha256='), ['s1'], '1700000000', body)).toBe(true);
		expect(signatureMatches(header, ['s0', 's1'], '1700000000', body)).toBe(true);
		expect(signatureMatches(header, ['s2'], '1700000000', body)).toBe(false);
		expect(signatureMatches(header, ['s1'], '1700000001', body)).toBe(false);
		expect(signatureMatches(header, ['s1'], '1700000000', Buffer.from('{"a":1} '))).toBe(false);
		expect(signatureMatches('sha256=zz', ['s1'], '1700000000', body)).toBe(false);
	});

	it('tiers: the highest reached and the next; stack gives every reached role, highest only the top one', () => {
		const tiers = [
			{ id: 1, name: 'A', threshold: 100, roleId: 'ra', benefits: '' },
			{ id: 2, name: 'B', threshold: 200, roleId: null, benefits: '' },
			{ id: 3, name: 'C', threshold: 300, roleId: 'rc', benefits: '' },
		];
		expect(tierFor(tiers, 99)).toBeNull();
		expect(tierFor(tiers, 250)?.name).toBe('B');
		expect(nextTier(tiers, 250)?.name).toBe('C');
		expect(nextTier(tiers, 300)).toBeNull();
		expect([...wantedRoles(tiers, 300, 'stack')]).toEqual(['ra', 'rc']);
		expect([...wantedRoles(tiers, 300, 'highest')]).toEqual(['rc']);
		// Highest mode gives the highest reached tier that has a role.
		expect([...wantedRoles(tiers, 200, 'highest')]).toEqual(['ra']);
		expect([...wantedRoles(tiers, null, 'stack')]).toEqual([]);
		expect(parseTierInput({ name: ' Gold ', threshold: '150', role: '', benefits: '' }, en)).toEqual({
			ok: true,
			value: { name: 'Gold', threshold: 150, roleId: null, benefits: '' },
		});
		expect(parseTierInput({ name: '', threshold: '0', role: 'x', benefits: 'b'.repeat(301) }, en)).toMatchObject({
			ok: false,
			errors: {
				name: 'The name must be 1 to 50 characters.',
				threshold: 'The threshold must be a whole number of points from 1 to 1,000,000,000.',
				role: 'Choose a role, or no role.',
				benefits: 'The benefits must be at most 300 characters.',
			},
		});
		// The same checks in the language of the page or the member who typed it.
		expect(parseTierInput({ name: '', threshold: '0', role: 'x', benefits: '' }, es)).toMatchObject({
			errors: { name: 'El nombre debe tener de 1 a 50 caracteres.', role: 'Elige un rol, o ninguno.' },
		});
		expect(parseAmount('1.234', es)).toEqual({
			ok: false,
			error: 'debe ser un importe positivo como 49.99, con 2 decimales como máximo',
		});
	});
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type SettingsSchema, validateSettings } from '../../src/core/settings/settings-schema.ts';
import { settingsInput } from '../../src/dashboard/forms/settings-form.ts';
import { BodyError, readFormBody } from '../../src/dashboard/http/body.ts';
import { safeNext } from '../../src/dashboard/routes/_safe-next.ts';
import { TokenCipher } from '../../src/dashboard/sessions/token-cipher.ts';

function request(body: string, type: string) {
	return Object.assign(Readable.from([Buffer.from(body)]), {
		headers: { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) },
	}) as never;
}

describe('dashboard helpers', () => {
	it('only lets a login return to a path on this site', () => {
		expect(safeNext('/guilds/1')).toBe('/guilds/1');
		expect(safeNext('//evil.example/x')).toBe('/');
		expect(safeNext('/\\evil.example')).toBe('/');
		expect(safeNext('https://evil.example')).toBe('/');
		expect(safeNext(undefined)).toBe('/');
	});

	it('parses URL-encoded and JSON bodies, keeping repeated fields as lists', async () => {
		expect(await readFormBody(request('a=1&b=2&b=3', 'application/x-www-form-urlencoded'), 100)).toEqual({
			a: '1',
			b: ['2', '3'],
		});
		expect(await readFormBody(request('{"a":"x","n":5}', 'application/json; charset=utf-8'), 100)).toEqual({
			a: 'x',
			n: '5',
		});
	});

	it('refuses bodies that are too large, malformed or of another type, saying why', async () => {
		const fail = (body: string, type: string, max = 100) => readFormBody(request(body, type), max).catch((e) => e);
		expect(await fail('a='.padEnd(200, 'x'), 'application/x-www-form-urlencoded')).toMatchObject({ status: 413 });
		expect(await fail('{"a":', 'application/json')).toMatchObject({ status: 400 });
		expect(await fail('[1]', 'application/json')).toMatchObject({ status: 400 });
		expect(await fail('{"a":{"b":1}}', 'application/json')).toMatchObject({
			status: 400,
			message: 'Field "a" must be text.',
		});
		expect(await fail('<a/>', 'text/xml')).toBeInstanceOf(BodyError);
	});

	it('seals tokens so that a tampered value does not open', () => {
		const cipher = new TokenCipher('secret');
		const sealed = cipher.encrypt('access-token');
		expect(cipher.decrypt(sealed)).toBe('access-token');
		const [iv, tag, data] = sealed.split('.');
		const flipped = `${iv}.${tag}.${(data as string).startsWith('A') ? 'B' : 'A'}${(data as string).slice(1)}`;
		expect(cipher.decrypt(flipped)).toBeNull();
		expect(new TokenCipher('other').decrypt(sealed)).toBeNull();
	});

	it('derives one key per purpose: a value sealed for one purpose does not open for another', () => {
		const sealed = new TokenCipher('secret', 'foyer-sealed:a').encrypt('webhook-secret');
		expect(new TokenCipher('secret', 'foyer-sealed:a').decrypt(sealed)).toBe('webhook-secret');
		expect(new TokenCipher('secret', 'foyer-sealed:b').decrypt(sealed)).toBeNull();
		expect(new TokenCipher('secret').decrypt(sealed)).toBeNull();
	});

	it('reads a settings form: last value wins, role lists drop the empty marker, the CSRF field is not a setting', () => {
		const schema = {
			prefix: { type: 'string', label: 'Prefix', default: '' },
			roles: { type: 'roles', label: 'Roles', default: [] },
		} satisfies SettingsSchema;
		expect(settingsInput(schema, { _csrf: 't', prefix: ['a', 'b'], roles: ['', '1'.repeat(18)] })).toEqual({
			prefix: 'b',
			roles: ['1'.repeat(18)],
		});
		expect(settingsInput(schema, { roles: '' })).toEqual({ roles: [] });
	});

	it('says what a pattern wants when the field explains it, and the generic reason otherwise', () => {
		const schema = {
			text: {
				type: 'string',
				label: 'Text',
				pattern: /^[a-z]*$/,
				patternMessage: 'may only hold lowercase letters',
				default: '',
			},
			plain: { type: 'string', label: 'Plain', pattern: /^[a-z]*$/, default: '' },
		} satisfies SettingsSchema;
		expect(validateSettings(schema, { text: 'ABC', plain: 'ABC' })).toEqual({
			ok: false,
			errors: { text: 'may only hold lowercase letters', plain: 'has an invalid format' },
		});
	});
});

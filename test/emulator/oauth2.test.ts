import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';

describe('OAuth2 for dashboard logins', () => {
	let emulator: Emulator;
	const redirect = 'http://localhost:4000/oauth/callback';

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
	});
	afterAll(async () => {
		await emulator?.close();
	});

	const authorizeUrl = (extra: Record<string, string> = {}) =>
		`${emulator.url}/oauth2/authorize?${new URLSearchParams({ client_id: emulator.defaultApp.id, response_type: 'code', redirect_uri: redirect, scope: 'identify guilds', state: 's1', ...extra })}`;

	async function loginAs(userId: string): Promise<{ access_token: string; refresh_token: string; scope: string }> {
		const page = await (await fetch(authorizeUrl())).text();
		const link = page.match(new RegExp(`href="([^"]+)" data-user-id="${userId}"`))?.[1];
		expect(link).toBeDefined();
		const confirm = await fetch(`${emulator.url}${(link as string).replace(/&#38;|&amp;/g, '&')}`, {
			redirect: 'manual',
		});
		expect(confirm.status).toBe(302);
		const location = new URL(confirm.headers.get('location') as string);
		expect(`${location.origin}${location.pathname}`).toBe(redirect);
		expect(location.searchParams.get('state')).toBe('s1');
		const res = await fetch(`${emulator.apiUrl}/v10/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code: location.searchParams.get('code') as string,
				redirect_uri: redirect,
				client_id: emulator.defaultApp.id,
				client_secret: emulator.defaultApp.clientSecret,
			}),
		});
		expect(res.status).toBe(200);
		return (await res.json()) as { access_token: string; refresh_token: string; scope: string };
	}

	it('lists emulated users on the authorize page, owners first, with names escaped', async () => {
		emulator.world.createUser({ username: '<script>alert(1)</script>' });
		const page = await (await fetch(authorizeUrl())).text();
		expect(page).not.toContain('<script>alert(1)</script>');
		expect(page).toContain('&#60;script&#62;');
		expect(page.indexOf(emulator.demo?.owner.id as string)).toBeLessThan(
			page.indexOf(emulator.demo?.member.id as string),
		);
	});

	it('logs in as the demo owner and sees the guild with owner flag and permissions', async () => {
		const token = await loginAs(emulator.demo?.owner.id as string);
		expect(token.scope).toBe('identify guilds');
		const me = (await (
			await fetch(`${emulator.apiUrl}/v10/users/@me`, { headers: { authorization: `Bearer ${token.access_token}` } })
		).json()) as { id: string };
		expect(me.id).toBe(emulator.demo?.owner.id);
		const guilds = (await (
			await fetch(`${emulator.apiUrl}/v10/users/@me/guilds`, {
				headers: { authorization: `Bearer ${token.access_token}` },
			})
		).json()) as { id: string; owner: boolean; permissions: string }[];
		const demo = guilds.find((g) => g.id === emulator.demo?.guild.id);
		expect(demo?.owner).toBe(true);
		expect(BigInt(demo?.permissions ?? '0') & 0x20n).toBe(0x20n);
	});

	it('refuses a reused code, a wrong redirect_uri, a wrong secret and a revoked token', async () => {
		const page = await (await fetch(authorizeUrl())).text();
		const link = (page.match(/href="([^"]+)" data-user-id/)?.[1] ?? '').replace(/&#38;|&amp;/g, '&');
		const code = new URL(
			(await fetch(`${emulator.url}${link}`, { redirect: 'manual' })).headers.get('location') as string,
		).searchParams.get('code') as string;
		const exchange = (body: Record<string, string>) =>
			fetch(`${emulator.apiUrl}/v10/oauth2/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'authorization_code',
					client_id: emulator.defaultApp.id,
					client_secret: emulator.defaultApp.clientSecret,
					redirect_uri: redirect,
					code,
					...body,
				}),
			});
		expect((await exchange({ client_secret: 'wrong' })).status).toBe(401);
		expect((await exchange({ redirect_uri: 'http://localhost:4000/elsewhere' })).status).toBe(400);
		// the failed redirect_uri attempt consumed the code, as single-use codes do
		expect((await exchange({})).status).toBe(400);

		const token = await loginAs(emulator.demo?.member.id as string);
		const revoke = await fetch(`${emulator.apiUrl}/v10/oauth2/token/revoke`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				token: token.access_token,
				client_id: emulator.defaultApp.id,
				client_secret: emulator.defaultApp.clientSecret,
			}),
		});
		expect(revoke.status).toBe(200);
		expect(
			(await fetch(`${emulator.apiUrl}/v10/users/@me`, { headers: { authorization: `Bearer ${token.access_token}` } }))
				.status,
		).toBe(401);
	});

	it('answers a bad authorize request with a 400 and a message', async () => {
		const res = await fetch(authorizeUrl({ client_id: '123456789012345678' }));
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/client_id/);
	});
});

import * as S from 'discord-api-spec/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { specFor } from './contract/spec.ts';

interface Case {
	route: string;
	body: unknown;
	what: string;
}

/**
 * Where the emulator deliberately judges a request body differently from the spec's request
 * schema, with the reason. Key: `route | what`.
 */
const DELIBERATE: Record<string, string> = {
	'POST /channels/:channel_id/invites | max_age over 7 days':
		'the spec allows 5,184,000 s (60 days); Create Channel Invite documents "between 0 and 604800 (7 days)"',
	'PATCH /guilds/:guild_id/members/:user_id | nick of 33':
		'the spec’s inline body has no length limits; Discord refuses nicknames over 32 characters',
	'POST /users/@me/channels | a DM without recipient':
		'the spec’s body also serves group DMs (access_tokens), so recipient_id is optional there; a bot’s DM needs it',
	'POST /channels/:channel_id/messages | content of 2001 characters':
		'the spec allows 4000 (a Nitro user limit); the docs say "up to 2000 characters" for messages, and bots get 50035 past 2000',
};

/**
 * Routes whose spec body is a union over channel kinds: the branch that applies to a guild channel.
 * (Create Channel Invite also takes a group-DM invite body, which lacks max_uses.)
 */
const BRANCH: Record<string, z.ZodMiniType> = {
	'POST /channels/:channel_id/invites': (S as Record<string, z.ZodMiniType>)
		.CreateGuildInviteRequestSchema as z.ZodMiniType,
};

/**
 * Request validation for the routes Foyer uses, checked against Discord's spec: a body the spec's
 * request schema accepts is accepted by the emulator, and one it refuses (limits, required fields,
 * types) is refused with 400.
 */
describe('request validation agrees with the spec for the routes Foyer uses', () => {
	let emulator: Emulator;
	let demo: SeedResult;
	const params = () => ({
		channel_id: demo.channels.general as string,
		invite_channel: demo.channels.welcome as string,
		guild_id: demo.guild.id,
		user_id: demo.member.id,
		application_id: emulator.defaultApp.id,
	});

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		demo = emulator.demo as SeedResult;
	});
	afterAll(async () => {
		await emulator?.close();
	});

	const hour = () => new Date(emulator.world.now() + 3_600_000).toISOString();
	const button = (i: number) => ({ type: 2, style: 1, custom_id: `b${i}`, label: `B${i}` });
	const cases = (): Case[] => [
		{ route: 'POST /channels/:channel_id/messages', body: { content: 'hello' }, what: 'plain content' },
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'x'.repeat(2000) },
			what: 'content of 2000 characters',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'x'.repeat(2001) },
			what: 'content of 2001 characters',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'x'.repeat(4001) },
			what: 'content of 4001 characters',
		},
		{ route: 'POST /channels/:channel_id/messages', body: { content: 42 }, what: 'content that is not a string' },
		{
			route: 'POST /channels/:channel_id/messages',
			body: { embeds: [{ title: 'Rules', description: 'Be kind' }] },
			what: 'one embed',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
			what: '11 embeds',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { embeds: [{ title: 'x'.repeat(257) }] },
			what: 'embed title of 257',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'hi', allowed_mentions: { parse: ['users'] } },
			what: 'allowed_mentions parse users',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'hi', allowed_mentions: { parse: ['bogus'] } },
			what: 'allowed_mentions parse bogus',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'hi', components: [{ type: 1, components: [1, 2, 3, 4, 5].map(button) }] },
			what: 'a row of 5 buttons',
		},
		{
			route: 'POST /channels/:channel_id/messages',
			body: { content: 'hi', components: [{ type: 1, components: [1, 2, 3, 4, 5, 6].map(button) }] },
			what: 'a row of 6 buttons',
		},
		{
			route: 'POST /channels/:channel_id/invites',
			body: { max_age: 0, max_uses: 100, temporary: true, unique: true },
			what: 'limits at their maximum',
		},
		{ route: 'POST /channels/:channel_id/invites', body: { max_age: 604_801 }, what: 'max_age over 7 days' },
		{ route: 'POST /channels/:channel_id/invites', body: { max_uses: 101 }, what: 'max_uses over 100' },
		{ route: 'POST /channels/:channel_id/invites', body: { max_uses: 'ten' }, what: 'max_uses not a number' },
		{ route: 'PATCH /guilds/:guild_id/members/:user_id', body: { roles: [demo.roles.Member] }, what: 'roles' },
		{ route: 'PATCH /guilds/:guild_id/members/:user_id', body: { roles: 'Member' }, what: 'roles not a list' },
		{ route: 'PATCH /guilds/:guild_id/members/:user_id', body: { nick: 'x'.repeat(33) }, what: 'nick of 33' },
		{ route: 'POST /guilds/:guild_id/roles', body: { name: 'Helper', color: 0x3498db, hoist: true }, what: 'a role' },
		{ route: 'POST /guilds/:guild_id/roles', body: { name: 'x'.repeat(101) }, what: 'role name of 101' },
		{ route: 'POST /guilds/:guild_id/roles', body: { name: 'x', hoist: 'yes' }, what: 'hoist not a boolean' },
		{ route: 'POST /guilds/:guild_id/channels', body: { name: 'welcome-2', type: 0 }, what: 'a text channel' },
		{ route: 'POST /guilds/:guild_id/channels', body: { name: 'x'.repeat(101), type: 0 }, what: 'channel name of 101' },
		{ route: 'POST /guilds/:guild_id/channels', body: { type: 0 }, what: 'channel without a name' },
		{
			route: 'PUT /applications/:application_id/guilds/:guild_id/commands',
			body: [{ name: 'welcome', description: 'Greets' }],
			what: 'one command',
		},
		{
			route: 'PUT /applications/:application_id/guilds/:guild_id/commands',
			body: [{ name: 'welcome', description: 'x'.repeat(101) }],
			what: 'description of 101',
		},
		{
			route: 'PUT /applications/:application_id/guilds/:guild_id/commands',
			body: [{ name: 'x'.repeat(33), description: 'd' }],
			what: 'name of 33',
		},
		{
			route: 'PUT /applications/:application_id/guilds/:guild_id/commands',
			body: [{ description: 'no name' }],
			what: 'command without a name',
		},
		{
			route: 'PUT /guilds/:guild_id/incident-actions',
			body: { invites_disabled_until: hour(), dms_disabled_until: null },
			what: 'a pause',
		},
		{
			route: 'PUT /guilds/:guild_id/incident-actions',
			body: { invites_disabled_until: 'tomorrow' },
			what: 'a pause that is no timestamp',
		},
		{ route: 'POST /users/@me/channels', body: { recipient_id: demo.member.id }, what: 'a DM' },
		{ route: 'POST /users/@me/channels', body: {}, what: 'a DM without recipient' },
		{ route: 'POST /users/@me/channels', body: { recipient_id: 'someone' }, what: 'a DM to no snowflake' },
	];

	it('accepts what the spec accepts and refuses what it refuses (deliberate differences aside)', async () => {
		const disagreements: string[] = [];
		const p = params();
		for (const c of cases()) {
			const [method, template] = c.route.split(' ') as [string, string];
			const op = specFor(method, template);
			if (!op?.request) throw new Error(`${c.route}: the spec has no request schema`);
			const schema = BRANCH[c.route] ?? op.request;
			const specAccepts = z.safeParse(schema, c.body).success;
			const path = template.replace(/:([a-z_]+)/g, (_m, name: string) =>
				name === 'channel_id' && c.route.includes('invites') ? p.invite_channel : (p[name as keyof typeof p] as string),
			);
			const res = await fetch(`${emulator.apiUrl}/v10${path}`, {
				method,
				headers: { authorization: `Bot ${emulator.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(c.body),
			});
			const emulatorAccepts = res.status < 300;
			if (!emulatorAccepts && res.status !== 400)
				disagreements.push(`${c.route} | ${c.what}: answered ${res.status} ${await res.text()}`);
			else if (specAccepts !== emulatorAccepts && !DELIBERATE[`${c.route} | ${c.what}`])
				disagreements.push(
					`${c.route} | ${c.what}: spec ${specAccepts ? 'accepts' : 'refuses'}, emulator ${emulatorAccepts ? 'accepts' : `refuses (${await res.text()})`}`,
				);
			else if (specAccepts === emulatorAccepts && DELIBERATE[`${c.route} | ${c.what}`])
				disagreements.push(`${c.route} | ${c.what}: listed as deliberate but both agree`);
		}
		expect(disagreements, disagreements.join('\n')).toEqual([]);
	});
});

import { GatewayDispatchEvents as E } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { restRoutes } from '../../src/emulator/rest/routes/index.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { ContractRecorder, type Deliberate } from './contract/recorder.ts';
import { specFor } from './contract/spec.ts';

/**
 * Every REST route the emulator implements, called for its normal answer and its main error
 * answers, each answer checked against Discord's published OpenAPI spec (npm `discord-api-spec`,
 * pinned): fields Discord always sends are there with the right types, and no field the spec does
 * not list for that route. What the emulator does differently on purpose is listed here, and only
 * here, with the reason.
 */
const DELIBERATE: Deliberate[] = [
	{
		route: '*',
		at: '.errors',
		reason:
			'50035 field errors carry string codes such as "BASE_TYPE_REQUIRED", as Discord sends them and its docs show (Reference, Error Messages); the spec types them as numbers',
	},
];

/** Emulator routes the spec does not describe, with the reason they exist. */
const NOT_IN_SPEC: Record<string, string> = {
	'GET /oauth2/authorize': 'the consent page is HTML on discord.com, outside the API spec',
	'GET /oauth2/authorize/confirm': 'the emulator’s stand-in for Discord’s login form (pick a user)',
	'POST /oauth2/token': 'OAuth2 token exchange (RFC 6749), form-encoded, outside the spec',
	'POST /oauth2/token/revoke': 'OAuth2 token revocation (RFC 7009), outside the spec',
	'PATCH /guilds/:guild_id/members/:user_id/nick': 'Modify Current User Nick is deprecated and gone from the spec',
};

/** Routes with no error answer a correct client can provoke. */
const NO_ERROR: Record<string, string> = {
	'GET /gateway': 'no authentication, no parameters',
};

describe('REST contract against Discord’s OpenAPI spec', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let api: ContractRecorder;
	let demo: SeedResult;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		api = new ContractRecorder(emulator.apiUrl, emulator.token, DELIBERATE);
		demo = emulator.demo as SeedResult;
		await scenario();
	});
	afterAll(async () => {
		await emulator?.close();
	});

	async function scenario(): Promise<void> {
		const g = demo.guild.id;
		const app = emulator.defaultApp.id;
		const general = demo.channels.general as string;
		const welcome = demo.channels.welcome as string;
		const member = demo.member.id;
		const unknown = '1';
		const bad = { token: 'not-a-token' };
		const foreign = (await control.createGuild({ name: 'No bot here', app_ids: [] })).id as string;
		const leaving = (await control.createGuild({ name: 'Bot leaves' })).id as string;

		// Gateway and application
		await api.call('GET /gateway', {}, { token: null, expect: 200 });
		await api.call('GET /gateway/bot', {}, { expect: 200 });
		await api.call('GET /gateway/bot', {}, { ...bad, expect: 401 });
		await api.call('GET /applications/@me', {}, { expect: 200 });
		await api.call('GET /applications/@me', {}, { ...bad, expect: 401 });
		await api.call('GET /oauth2/applications/@me', {}, { expect: 200 });
		await api.call('GET /oauth2/applications/@me', {}, { ...bad, expect: 401 });

		// Users
		await api.call('GET /users/@me', {}, { expect: 200 });
		await api.call('GET /users/@me', {}, { ...bad, expect: 401 });
		await api.call('GET /users/@me/guilds', {}, { query: { with_counts: 'true' }, expect: 200 });
		await api.call('GET /users/@me/guilds', {}, { query: { limit: '0' }, expect: 400 });
		await api.call('GET /users/:user_id', { user_id: member }, { expect: 200 });
		await api.call('GET /users/:user_id', { user_id: unknown }, { expect: 404 });
		await api.call('POST /users/@me/channels', {}, { body: { recipient_id: member }, expect: 200 });
		await api.call('POST /users/@me/channels', {}, { body: {}, expect: 400 });
		await api.call('DELETE /users/@me/guilds/:guild_id', { guild_id: leaving }, { expect: 204 });
		await api.call('DELETE /users/@me/guilds/:guild_id', { guild_id: leaving }, { expect: 404 });

		// Guild and raid tools
		await api.call('GET /guilds/:guild_id', { guild_id: g }, { expect: 200 });
		await api.call('GET /guilds/:guild_id', { guild_id: g }, { query: { with_counts: 'true' }, expect: 200 });
		await api.call('GET /guilds/:guild_id', { guild_id: foreign }, { expect: 403 });
		await api.call('GET /guilds/:guild_id', { guild_id: unknown }, { expect: 404 });
		const soon = new Date(emulator.world.now() + 3_600_000).toISOString();
		const tooLate = new Date(emulator.world.now() + 30 * 3_600_000).toISOString();
		await api.call(
			'PUT /guilds/:guild_id/incident-actions',
			{ guild_id: g },
			{ body: { invites_disabled_until: soon }, expect: 200 },
		);
		await api.call(
			'PUT /guilds/:guild_id/incident-actions',
			{ guild_id: g },
			{ body: { dms_disabled_until: tooLate }, expect: 400 },
		);
		await api.call(
			'PUT /guilds/:guild_id/incident-actions',
			{ guild_id: g },
			{ body: { invites_disabled_until: null }, expect: 200 },
		);

		// Members
		await api.call(
			'GET /guilds/:guild_id/members/search',
			{ guild_id: g },
			{ query: { query: 'demo', limit: '10' }, expect: 200 },
		);
		await api.call('GET /guilds/:guild_id/members/search', { guild_id: g }, { expect: 400 });
		await api.call('GET /guilds/:guild_id/members', { guild_id: g }, { query: { limit: '5' }, expect: 200 });
		await api.call('GET /guilds/:guild_id/members', { guild_id: foreign }, { expect: 403 });
		await api.call('GET /guilds/:guild_id/members/:user_id', { guild_id: g, user_id: member }, { expect: 200 });
		await api.call('GET /guilds/:guild_id/members/:user_id', { guild_id: g, user_id: unknown }, { expect: 404 });
		await api.call(
			'PATCH /guilds/:guild_id/members/:user_id',
			{ guild_id: g, user_id: member },
			{ body: { roles: [demo.roles.Member, demo.roles.VIP] }, expect: 200 },
		);
		await api.call(
			'PATCH /guilds/:guild_id/members/:user_id',
			{ guild_id: g, user_id: demo.owner.id },
			{ body: { nick: 'Boss' }, expect: 403 },
		);
		const role = { guild_id: g, user_id: member, role_id: demo.roles.Verified as string };
		await api.call('PUT /guilds/:guild_id/members/:user_id/roles/:role_id', role, { expect: 204 });
		await api.call(
			'PUT /guilds/:guild_id/members/:user_id/roles/:role_id',
			{ ...role, role_id: unknown },
			{ expect: 404 },
		);
		await api.call('DELETE /guilds/:guild_id/members/:user_id/roles/:role_id', role, { expect: 204 });
		await api.call(
			'DELETE /guilds/:guild_id/members/:user_id/roles/:role_id',
			{ ...role, role_id: demo.roles.Foyer as string },
			{ expect: 403 },
		);
		const filler = [...demo.guild.members.values()].find((m) => m.joinedVia.type === 'none')?.userId as string;
		await api.call('DELETE /guilds/:guild_id/members/:user_id', { guild_id: g, user_id: filler }, { expect: 204 });
		await api.call('DELETE /guilds/:guild_id/members/:user_id', { guild_id: g, user_id: filler }, { expect: 404 });

		// Bans
		const banned = (await control.join(g, { user: { username: 'to-ban' } })).user.id as string;
		await api.call(
			'PUT /guilds/:guild_id/bans/:user_id',
			{ guild_id: g, user_id: banned },
			{ body: { delete_message_seconds: 60 }, expect: 204 },
		);
		await api.call('PUT /guilds/:guild_id/bans/:user_id', { guild_id: g, user_id: demo.owner.id }, { expect: 403 });
		await api.call('GET /guilds/:guild_id/bans', { guild_id: g }, { expect: 200 });
		await api.call('GET /guilds/:guild_id/bans', { guild_id: g }, { query: { limit: '0' }, expect: 400 });
		await api.call('GET /guilds/:guild_id/bans/:user_id', { guild_id: g, user_id: banned }, { expect: 200 });
		await api.call('DELETE /guilds/:guild_id/bans/:user_id', { guild_id: g, user_id: banned }, { expect: 204 });
		await api.call('DELETE /guilds/:guild_id/bans/:user_id', { guild_id: g, user_id: banned }, { expect: 404 });
		await api.call('GET /guilds/:guild_id/bans/:user_id', { guild_id: g, user_id: banned }, { expect: 404 });

		// Roles
		await api.call('GET /guilds/:guild_id/roles', { guild_id: g }, { expect: 200 });
		await api.call('GET /guilds/:guild_id/roles', { guild_id: foreign }, { expect: 403 });
		await api.call(
			'GET /guilds/:guild_id/roles/:role_id',
			{ guild_id: g, role_id: demo.roles.Member as string },
			{ expect: 200 },
		);
		await api.call('GET /guilds/:guild_id/roles/:role_id', { guild_id: g, role_id: unknown }, { expect: 404 });
		const created = (await api.call(
			'POST /guilds/:guild_id/roles',
			{ guild_id: g },
			{ body: { name: 'Contract', mentionable: true }, expect: 200 },
		)) as { id: string };
		await api.call('POST /guilds/:guild_id/roles', { guild_id: g }, { body: { name: 'x'.repeat(101) }, expect: 400 });
		await api.call(
			'PATCH /guilds/:guild_id/roles',
			{ guild_id: g },
			{ body: [{ id: created.id, position: 2 }], expect: 200 },
		);
		await api.call('PATCH /guilds/:guild_id/roles', { guild_id: g }, { body: { id: created.id }, expect: 400 });
		await api.call(
			'PATCH /guilds/:guild_id/roles/:role_id',
			{ guild_id: g, role_id: created.id },
			{ body: { color: 0xff0000 }, expect: 200 },
		);
		await api.call(
			'PATCH /guilds/:guild_id/roles/:role_id',
			{ guild_id: g, role_id: demo.roles.Foyer as string },
			{ body: { name: 'mine' }, expect: 403 },
		);
		await api.call('DELETE /guilds/:guild_id/roles/:role_id', { guild_id: g, role_id: created.id }, { expect: 204 });
		await api.call('DELETE /guilds/:guild_id/roles/:role_id', { guild_id: g, role_id: created.id }, { expect: 404 });

		// Channels
		await api.call('GET /channels/:channel_id', { channel_id: general }, { expect: 200 });
		await api.call('GET /channels/:channel_id', { channel_id: unknown }, { expect: 404 });
		await api.call('PATCH /channels/:channel_id', { channel_id: welcome }, { body: { topic: 'Say hi' }, expect: 200 });
		await api.call('PATCH /channels/:channel_id', { channel_id: welcome }, { body: { name: '' }, expect: 400 });
		await api.call('GET /guilds/:guild_id/channels', { guild_id: g }, { expect: 200 });
		await api.call('GET /guilds/:guild_id/channels', { guild_id: foreign }, { expect: 403 });
		const scratch = (await api.call(
			'POST /guilds/:guild_id/channels',
			{ guild_id: g },
			{ body: { name: 'scratch', type: 0 }, expect: 201 },
		)) as { id: string };
		await api.call(
			'POST /guilds/:guild_id/channels',
			{ guild_id: g },
			{ body: { name: 'thread', type: 11 }, expect: 400 },
		);
		const overwrite = { channel_id: scratch.id, overwrite_id: demo.roles.Member as string };
		await api.call('PUT /channels/:channel_id/permissions/:overwrite_id', overwrite, {
			body: { type: 0, allow: '1024', deny: '2048' },
			expect: 204,
		});
		await api.call(
			'PUT /channels/:channel_id/permissions/:overwrite_id',
			{ ...overwrite, overwrite_id: unknown },
			{ body: { type: 0 }, expect: 404 },
		);
		await api.call('DELETE /channels/:channel_id/permissions/:overwrite_id', overwrite, { expect: 204 });
		await api.call('DELETE /channels/:channel_id/permissions/:overwrite_id', overwrite, { expect: 404 });
		await api.call('DELETE /channels/:channel_id', { channel_id: scratch.id }, { expect: 200 });
		await api.call('DELETE /channels/:channel_id', { channel_id: scratch.id }, { expect: 404 });

		// Messages
		const said = await control.say(general, member, 'hello bot');
		const sent = (await api.call(
			'POST /channels/:channel_id/messages',
			{ channel_id: general },
			{
				body: {
					content: `Welcome <@${member}>!`,
					allowed_mentions: { users: [member] },
					embeds: [
						{ title: 'Rules', description: 'Be kind', fields: [{ name: 'One', value: 'Two' }], color: 0x2ecc71 },
					],
					components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'ok', label: 'OK' }] }],
					message_reference: { message_id: said.id },
				},
				expect: 200,
			},
		)) as { id: string };
		await api.call(
			'POST /channels/:channel_id/messages',
			{ channel_id: general },
			{
				body: {
					flags: 1 << 15,
					components: [
						{
							type: 17,
							components: [
								{ type: 10, content: 'Hello' },
								{
									type: 9,
									components: [{ type: 10, content: 'Verify' }],
									accessory: { type: 2, style: 3, custom_id: 'verify', label: 'Verify' },
								},
							],
						},
					],
				},
				expect: 200,
			},
		);
		await api.call(
			'POST /channels/:channel_id/messages',
			{ channel_id: general },
			{ body: { content: ' ' }, expect: 400 },
		);
		await api.call(
			'GET /channels/:channel_id/messages',
			{ channel_id: general },
			{ query: { limit: '10' }, expect: 200 },
		);
		await api.call(
			'GET /channels/:channel_id/messages',
			{ channel_id: general },
			{ query: { limit: '0' }, expect: 400 },
		);
		const message = { channel_id: general, message_id: sent.id };
		await api.call('GET /channels/:channel_id/messages/:message_id', message, { expect: 200 });
		await api.call(
			'GET /channels/:channel_id/messages/:message_id',
			{ ...message, message_id: unknown },
			{ expect: 404 },
		);
		await api.call('PATCH /channels/:channel_id/messages/:message_id', message, {
			body: { content: 'edited' },
			expect: 200,
		});
		await api.call('PATCH /channels/:channel_id/messages/:message_id', message, {
			body: { content: 'x'.repeat(2001) },
			expect: 400,
		});

		// Reactions
		const reaction = { ...message, emoji: '👍' };
		await api.call('PUT /channels/:channel_id/messages/:message_id/reactions/:emoji/@me', reaction, { expect: 204 });
		await api.call(
			'PUT /channels/:channel_id/messages/:message_id/reactions/:emoji/@me',
			{ ...reaction, emoji: 'nope' },
			{ expect: 400 },
		);
		await control.react(general, sent.id, member, '👍');
		await api.call('GET /channels/:channel_id/messages/:message_id/reactions/:emoji', reaction, { expect: 200 });
		await api.call(
			'GET /channels/:channel_id/messages/:message_id/reactions/:emoji',
			{ ...reaction, emoji: 'nope' },
			{ expect: 400 },
		);
		await api.call('DELETE /channels/:channel_id/messages/:message_id/reactions/:emoji/@me', reaction, { expect: 204 });
		await api.call(
			'DELETE /channels/:channel_id/messages/:message_id/reactions/:emoji/@me',
			{ ...reaction, emoji: 'nope' },
			{ expect: 400 },
		);
		await api.call(
			'DELETE /channels/:channel_id/messages/:message_id/reactions/:emoji/:user_id',
			{ ...reaction, user_id: member },
			{ expect: 204 },
		);
		await api.call(
			'DELETE /channels/:channel_id/messages/:message_id/reactions/:emoji/:user_id',
			{ ...reaction, emoji: 'nope', user_id: member },
			{ expect: 400 },
		);
		await control.react(general, sent.id, member, '🎉');
		await api.call(
			'DELETE /channels/:channel_id/messages/:message_id/reactions/:emoji',
			{ ...reaction, emoji: '🎉' },
			{ expect: 204 },
		);
		await api.call(
			'DELETE /channels/:channel_id/messages/:message_id/reactions/:emoji',
			{ ...reaction, emoji: 'nope' },
			{ expect: 400 },
		);
		await api.call('DELETE /channels/:channel_id/messages/:message_id/reactions', message, { expect: 204 });
		await api.call(
			'DELETE /channels/:channel_id/messages/:message_id/reactions',
			{ ...message, message_id: unknown },
			{ expect: 404 },
		);
		await api.call('DELETE /channels/:channel_id/messages/:message_id', message, { expect: 204 });
		await api.call('DELETE /channels/:channel_id/messages/:message_id', message, { expect: 404 });

		// Invites
		const invite = (await api.call(
			'POST /channels/:channel_id/invites',
			{ channel_id: welcome },
			{ body: { max_age: 3600, max_uses: 5, unique: true, role_ids: [demo.roles.Member] }, expect: 200 },
		)) as { code: string };
		await api.call(
			'POST /channels/:channel_id/invites',
			{ channel_id: welcome },
			{ body: { max_age: 604_801 }, expect: 400 },
		);
		const targeted = (await api.call(
			'POST /channels/:channel_id/invites',
			{ channel_id: welcome },
			{ body: { unique: true }, files: { target_users_file: `user_id\n${member}\n` }, expect: 200 },
		)) as { code: string };
		await api.call('GET /channels/:channel_id/invites', { channel_id: welcome }, { expect: 200 });
		await api.call('GET /channels/:channel_id/invites', { channel_id: unknown }, { expect: 404 });
		await api.call('GET /guilds/:guild_id/invites', { guild_id: g }, { expect: 200 });
		await api.call('GET /guilds/:guild_id/invites', { guild_id: foreign }, { expect: 403 });
		await api.call('GET /guilds/:guild_id/vanity-url', { guild_id: g }, { expect: 200 });
		await api.call('GET /guilds/:guild_id/vanity-url', { guild_id: foreign }, { expect: 403 });
		await api.call('GET /invites/:code', { code: invite.code }, { query: { with_counts: 'true' }, expect: 200 });
		await api.call('GET /invites/:code', { code: 'foyer-demo' }, { expect: 200 });
		await api.call('GET /invites/:code', { code: 'no-such-code' }, { expect: 404 });
		await api.call('GET /invites/:code/target-users', { code: targeted.code }, { expect: 200 });
		await api.call('GET /invites/:code/target-users', { code: 'no-such-code' }, { expect: 404 });
		await api.call(
			'PUT /invites/:code/target-users',
			{ code: targeted.code },
			{ files: { target_users_file: `${member}\n${demo.admin.id}\n` }, expect: 204 },
		);
		await api.call(
			'PUT /invites/:code/target-users',
			{ code: targeted.code },
			{ files: { target_users_file: 'abc\n' }, expect: 400 },
		);
		await api.call('GET /invites/:code/target-users/job-status', { code: targeted.code }, { expect: 200 });
		await api.call('GET /invites/:code/target-users/job-status', { code: 'no-such-code' }, { expect: 404 });
		await api.call('DELETE /invites/:code', { code: invite.code }, { expect: 200 });
		await api.call('DELETE /invites/:code', { code: invite.code }, { expect: 404 });

		// Audit log
		await api.call('GET /guilds/:guild_id/audit-logs', { guild_id: g }, { query: { limit: '100' }, expect: 200 });
		await api.call('GET /guilds/:guild_id/audit-logs', { guild_id: g }, { query: { limit: '0' }, expect: 400 });

		// Application commands, global and guild
		const command = {
			name: 'ping',
			description: 'Ping',
			options: [{ type: 3, name: 'text', description: 'Text', required: false }],
		};
		for (const [base, extra] of [
			['/applications/:application_id/commands', {}],
			['/applications/:application_id/guilds/:guild_id/commands', { guild_id: g }],
		] as const) {
			const p = { application_id: app, ...extra };
			const made = (await api.call(`POST ${base}`, p, { body: command, expect: 201 })) as { id: string };
			await api.call(`POST ${base}`, p, { body: command, expect: 200 });
			await api.call(`POST ${base}`, p, { body: { name: 'Bad Name', description: 'x' }, expect: 400 });
			await api.call(`GET ${base}`, p, { expect: 200 });
			await api.call(`GET ${base}`, { ...p, application_id: member }, { expect: 403 });
			await api.call(`PUT ${base}`, p, { body: [command, { name: 'pong', description: 'Pong' }], expect: 200 });
			await api.call(`PUT ${base}`, p, { body: command, expect: 400 });
			await api.call(`GET ${base}/:command_id`, { ...p, command_id: made.id }, { expect: 200 });
			await api.call(`GET ${base}/:command_id`, { ...p, command_id: unknown }, { expect: 404 });
			await api.call(
				`PATCH ${base}/:command_id`,
				{ ...p, command_id: made.id },
				{ body: { description: 'Pings' }, expect: 200 },
			);
			await api.call(
				`PATCH ${base}/:command_id`,
				{ ...p, command_id: unknown },
				{ body: { description: 'x' }, expect: 404 },
			);
			const pong = ((await api.call(`GET ${base}`, p)) as { id: string; name: string }[]).find(
				(c) => c.name === 'pong',
			);
			await api.call(`DELETE ${base}/:command_id`, { ...p, command_id: pong?.id as string }, { expect: 204 });
			await api.call(`DELETE ${base}/:command_id`, { ...p, command_id: pong?.id as string }, { expect: 404 });
		}

		// Interactions: the test plays the bot, answering through the callback and webhook routes.
		const created$ = new Promise<{ id: string; token: string }>((resolve) => {
			const stop = emulator.world.onDispatch((event) => {
				if (event.t !== E.InteractionCreate) return;
				stop();
				resolve(event.d as { id: string; token: string });
			});
		});
		const run = control.command({ channel_id: general, user_id: member, command: 'ping', timeout_ms: 5000 });
		const interaction = await created$;
		const cb = { interaction_id: interaction.id, interaction_token: interaction.token };
		await api.call('POST /interactions/:interaction_id/:interaction_token/callback', cb, {
			token: null,
			query: { with_response: 'true' },
			body: { type: 5 },
			expect: 200,
		});
		await api.call('POST /interactions/:interaction_id/:interaction_token/callback', cb, {
			token: null,
			body: { type: 4, data: { content: 'again' } },
			expect: 400,
		});
		const hook = { application_id: app, webhook_token: interaction.token };
		await api.call(
			'PATCH /webhooks/:application_id/:webhook_token/messages/:message_id',
			{ ...hook, message_id: '@original' },
			{ token: null, body: { content: 'pong' }, expect: 200 },
		);
		await api.call(
			'PATCH /webhooks/:application_id/:webhook_token/messages/:message_id',
			{ ...hook, message_id: unknown },
			{ token: null, body: { content: 'x' }, expect: 404 },
		);
		await run;
		await api.call(
			'GET /webhooks/:application_id/:webhook_token/messages/:message_id',
			{ ...hook, message_id: '@original' },
			{ token: null, expect: 200 },
		);
		await api.call(
			'GET /webhooks/:application_id/:webhook_token/messages/:message_id',
			{ ...hook, webhook_token: 'bad', message_id: '@original' },
			{ token: null, expect: 404 },
		);
		const followUp = (await api.call('POST /webhooks/:application_id/:webhook_token', hook, {
			token: null,
			query: { wait: 'true' },
			body: { content: 'more' },
			expect: 200,
		})) as { id: string };
		await api.call('POST /webhooks/:application_id/:webhook_token', hook, {
			token: null,
			body: { content: 'no wait' },
			expect: 204,
		});
		await api.call('POST /webhooks/:application_id/:webhook_token', hook, { token: null, body: {}, expect: 400 });
		await api.call(
			'DELETE /webhooks/:application_id/:webhook_token/messages/:message_id',
			{ ...hook, message_id: followUp.id },
			{ token: null, expect: 204 },
		);
		await api.call(
			'DELETE /webhooks/:application_id/:webhook_token/messages/:message_id',
			{ ...hook, message_id: followUp.id },
			{ token: null, expect: 404 },
		);
		await api.call(
			'POST /interactions/:interaction_id/:interaction_token/callback',
			{ ...cb, interaction_token: 'bad' },
			{ token: null, body: { type: 4 }, expect: 404 },
		);
	}

	it('answers every call as the spec describes that route and status (deliberate differences aside)', () => {
		const failures = api.checked
			.filter((c) => c.problems.length > 0)
			.map((c) => `${c.route} → ${c.status}\n    ${c.problems.slice(0, 8).join('\n    ')}`);
		expect(failures, failures.join('\n')).toEqual([]);
	});

	it('covers every implemented REST route with a normal answer and an error answer', () => {
		const routes = restRoutes({ gateway: {} as never, interactions: {} as never, oauth: {} as never });
		const table = routes.map((r) => {
			const route = `${r.method} ${r.path}`;
			const seen = api.checked.filter((c) => c.route === route);
			return {
				route,
				inSpec: specFor(r.method, r.path) !== undefined,
				ok: seen.some((c) => c.status < 300),
				error: seen.some((c) => c.status >= 400),
			};
		});
		const uncovered = table
			.filter((t) => !NOT_IN_SPEC[t.route])
			.filter((t) => !t.inSpec || !t.ok || (!t.error && !NO_ERROR[t.route]))
			.map((t) => `${t.route}: ${!t.inSpec ? 'not in the spec' : !t.ok ? 'no normal answer' : 'no error answer'}`);
		expect(uncovered, uncovered.join('\n')).toEqual([]);
		expect(table.filter((t) => t.inSpec).length).toBeGreaterThan(70);
		// Routes listed as outside the spec must really be outside it.
		for (const route of Object.keys(NOT_IN_SPEC)) expect(table.find((t) => t.route === route)?.inSpec).toBe(false);
	});
});

import {
	type APIPartialGuild,
	type APIUser,
	ChannelType,
	DiscordAPIError,
	Events,
	type Guild,
	PermissionFlagsBits as P,
	REST,
	Routes,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { apiError, next, Scene } from './messages-helpers.ts';

type MyGuild = APIPartialGuild & {
	owner: boolean;
	permissions: string;
	approximate_member_count?: number;
	approximate_presence_count?: number;
};

describe('users through discord.js', () => {
	let scene: Scene;

	beforeAll(async () => {
		scene = await Scene.start(await Emulator.start({ demo: true }));
	});
	afterAll(async () => {
		await scene?.close();
	});

	/** A discord.js REST client using an OAuth2 Bearer token of the demo member with `scopes`. */
	function bearer(scopes: string[]): REST {
		const { grant } = scene.emulator.oauth.issueToken(
			scene.emulator.defaultApp.id,
			scene.demo.member.id,
			scopes,
			scene.world.now(),
		);
		return new REST({ api: scene.emulator.apiUrl, authPrefix: 'Bearer' }).setToken(grant.accessToken);
	}

	it('fetches a user by id, and answers 10013 for an unknown one', async () => {
		const user = await scene.client.users.fetch(scene.demo.member.id, { force: true });
		expect(user.username).toBe('demo-member');
		expect(user.bot).toBe(false);
		expect((await apiError(scene.client.users.fetch('1', { force: true }))).code).toBe(10013);
	});

	it('answers /users/@me with the bot for a Bot token', async () => {
		const me = (await scene.client.rest.get(Routes.user())) as APIUser;
		expect(me.id).toBe(scene.botId);
		expect(me.bot).toBe(true);
	});

	it('answers /users/@me for a Bearer token with identify, adding the email with the email scope', async () => {
		const plain = (await bearer(['identify']).get(Routes.user())) as APIUser;
		expect(plain.id).toBe(scene.demo.member.id);
		expect(plain.email).toBeUndefined();
		const withEmail = (await bearer(['identify', 'email']).get(Routes.user())) as APIUser;
		expect(withEmail.email).toBe('demo-member@users.emulator.invalid');
		expect(withEmail.verified).toBe(true);

		const error = await bearer(['guilds'])
			.get(Routes.user())
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect((error as DiscordAPIError).status).toBe(401);
	});

	it('lists the bot’s guilds with its permissions, counts on request, and pages with limit and after', async () => {
		const second = scene.world.createGuild({ name: 'Second' });
		const guilds = (await scene.client.rest.get(Routes.userGuilds())) as MyGuild[];
		expect(guilds.map((g) => g.name)).toEqual(['Foyer Demo', 'Second']);
		const demo = guilds[0] as MyGuild;
		expect(demo.owner).toBe(false);
		expect(BigInt(demo.permissions)).toBe(scene.world.permissionsOf(scene.demo.guild.id, scene.botId));
		expect(demo.approximate_member_count).toBeUndefined();

		const counted = (await scene.client.rest.get(Routes.userGuilds(), {
			query: new URLSearchParams({ with_counts: 'true', limit: '1' }),
		})) as MyGuild[];
		expect(counted).toHaveLength(1);
		expect(counted[0]?.approximate_member_count).toBe(scene.demo.guild.members.size);

		const after = (await scene.client.rest.get(Routes.userGuilds(), {
			query: new URLSearchParams({ after: scene.demo.guild.id }),
		})) as MyGuild[];
		expect(after.map((g) => g.id)).toEqual([second.id]);
	});

	it('lists a Bearer user’s guilds only with the guilds scope', async () => {
		const guilds = (await bearer(['identify', 'guilds']).get(Routes.userGuilds())) as MyGuild[];
		expect(guilds.map((g) => g.id)).toEqual([scene.demo.guild.id]);
		expect(BigInt(guilds[0]?.permissions ?? '0') & P.ViewChannel).toBe(P.ViewChannel);
		const error = await bearer(['identify'])
			.get(Routes.userGuilds())
			.catch((e: unknown) => e);
		expect((error as DiscordAPIError).status).toBe(401);
	});

	it('opens one DM channel per user, and answers 10013 for an unknown recipient', async () => {
		const user = await scene.client.users.fetch(scene.demo.admin.id);
		const dm = await user.createDM(true);
		expect(dm.type).toBe(ChannelType.DM);
		const again = (await scene.client.rest.post(Routes.userChannels(), {
			body: { recipient_id: user.id },
		})) as { id: string };
		expect(again.id).toBe(dm.id);
		const unknown = await apiError(
			scene.client.rest.post(Routes.userChannels(), { body: { recipient_id: '1234567890123456789' } }),
		);
		expect(unknown.code).toBe(10013);
	});

	it('leaves a guild: guildDelete for the bot, its member and managed role gone', async () => {
		const extra = scene.world.createGuild({ name: 'Leave Me', appIds: [] });
		const joined = next<Guild>(scene.client, Events.GuildCreate, (g: Guild) => g.id === extra.id);
		scene.world.addBot(extra.id, scene.emulator.defaultApp.id);
		const guild = await joined;

		const left = next<Guild>(scene.client, Events.GuildDelete, (g: Guild) => g.id === extra.id);
		await guild.leave();
		await left;
		expect(scene.client.guilds.cache.has(extra.id)).toBe(false);
		expect(extra.members.has(scene.botId)).toBe(false);
		expect([...extra.roles.values()].some((r) => r.botId === scene.botId)).toBe(false);

		const again = await apiError(scene.client.rest.delete(Routes.userGuild(extra.id)));
		expect(again.code).toBe(10004);
	});
});

import {
	AuditLogEvent,
	type CategoryChannel,
	ChannelType,
	Events,
	type Guild,
	type GuildChannel,
	PermissionFlagsBits as P,
	Routes,
	type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { apiError, formErrorCodes, next, nextArgs, Scene } from './messages-helpers.ts';

describe('channels through discord.js', () => {
	let scene: Scene;
	let guild: Guild;

	beforeAll(async () => {
		scene = await Scene.start(await Emulator.start({ demo: true }));
		guild = scene.client.guilds.cache.get(scene.demo.guild.id) as Guild;
	});
	afterAll(async () => {
		await scene?.close();
	});

	/** The channel as it is after the next channelUpdate for `id`. */
	const changedChannel = async (id: string) => {
		const [, updated] = await nextArgs<[GuildChannel, GuildChannel]>(
			scene.client,
			Events.ChannelUpdate,
			(_old: GuildChannel, c: GuildChannel) => c.id === id,
		);
		return updated;
	};

	it('creates a category and a text channel in it, normalizing the name, announced and audited with the reason', async () => {
		const category = await guild.channels.create({ name: 'Team Rooms', type: ChannelType.GuildCategory });
		expect(category.name).toBe('Team Rooms');
		const announced = next<TextChannel>(scene.client, Events.ChannelCreate, (c: TextChannel) => c.name === 'war-room');
		const channel = await guild.channels.create({
			name: 'War Room',
			parent: category.id,
			topic: 'plans',
			reason: 'planning',
		});
		expect(channel.name).toBe('war-room');
		expect(channel.parentId).toBe(category.id);
		expect(channel.topic).toBe('plans');
		expect((await announced).id).toBe(channel.id);
		const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.ChannelCreate });
		const entry = logs.entries.find((e) => e.targetId === channel.id);
		expect(entry?.reason).toBe('planning');
		expect(entry?.executorId).toBe(scene.botId);
	});

	it('rejects a bad name, a parent that is not a category and an unsupported type with 50035', async () => {
		const long = await apiError(guild.channels.create({ name: 'x'.repeat(101) }));
		expect(long.code).toBe(50035);
		expect(formErrorCodes(long, 'name')).toEqual(['BASE_TYPE_BAD_LENGTH']);
		const missing = await apiError(scene.client.rest.post(Routes.guildChannels(guild.id), { body: {} }));
		expect(formErrorCodes(missing, 'name')).toEqual(['BASE_TYPE_BAD_LENGTH']);

		const general = scene.demo.channels.general as string;
		const parent = await apiError(guild.channels.create({ name: 'orphan', parent: general }));
		expect(formErrorCodes(parent, 'parent_id')).toEqual(['CHANNEL_PARENT_INVALID_TYPE']);

		const forum = await apiError(guild.channels.create({ name: 'forum', type: ChannelType.GuildForum }));
		expect(formErrorCodes(forum, 'type')).toEqual(['BASE_TYPE_CHOICES']);
	});

	it('needs Manage Channels to create (50013) and Manage Channels in the channel to edit or delete', async () => {
		const locked = await scene.channel('locked', [scene.botRoleOverwrite(P.ManageChannels)]);
		expect((await apiError(locked.setName('renamed'))).code).toBe(50013);
		expect((await apiError(locked.delete())).code).toBe(50013);

		const role = scene.demo.guild.roles.get(scene.botRoleId);
		if (!role) throw new Error('no bot role');
		const before = role.permissions;
		role.permissions &= ~P.ManageChannels;
		try {
			expect((await apiError(guild.channels.create({ name: 'not-allowed' }))).code).toBe(50013);
		} finally {
			role.permissions = before;
		}
	});

	it('edits name and topic, announced as channelUpdate and audited as a channel update', async () => {
		const channel = await scene.channel('to-edit');
		const updated = changedChannel(channel.id);
		const edited = await channel.edit({ name: 'Edited Name', topic: 'new topic', reason: 'tidy' });
		expect(edited.name).toBe('edited-name');
		expect(edited.topic).toBe('new topic');
		expect((await updated).name).toBe('edited-name');
		const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.ChannelUpdate });
		const entry = logs.entries.find((e) => e.targetId === channel.id);
		expect(entry?.changes).toEqual(expect.arrayContaining([{ key: 'name', old: 'to-edit', new: 'edited-name' }]));
		expect(entry?.reason).toBe('tidy');

		const empty = await apiError(channel.setName(''));
		expect(formErrorCodes(empty, 'name')).toEqual(['BASE_TYPE_BAD_LENGTH']);
	});

	it('puts and deletes permission overwrites, each announced as channelUpdate; deleting a missing one is 10009', async () => {
		const channel = await scene.channel('overwritten');
		const memberRole = scene.demo.roles.Member as string;
		const added = changedChannel(channel.id);
		await channel.permissionOverwrites.edit(memberRole, { SendMessages: false });
		expect((await added).permissionOverwrites.cache.get(memberRole)?.deny.has(P.SendMessages)).toBe(true);
		expect(scene.world.channel(channel.id).overwrites).toEqual([
			{ id: memberRole, type: 0, allow: 0n, deny: P.SendMessages },
		]);

		const removed = changedChannel(channel.id);
		await channel.permissionOverwrites.delete(memberRole);
		expect((await removed).permissionOverwrites.cache.has(memberRole)).toBe(false);

		const missing = await apiError(scene.client.rest.delete(Routes.channelPermission(channel.id, memberRole)));
		expect(missing.code).toBe(10009);
		expect(missing.status).toBe(404);
	});

	it('refuses overwrites granting what the bot lacks, or Manage Roles, with 50013', async () => {
		const channel = await scene.channel('escalation');
		const memberRole = scene.demo.roles.Member as string;
		expect((await apiError(channel.permissionOverwrites.edit(memberRole, { Administrator: true }))).code).toBe(50013);
		expect((await apiError(channel.permissionOverwrites.edit(memberRole, { ManageRoles: true }))).code).toBe(50013);
		expect(scene.world.channel(channel.id).overwrites).toEqual([]);
	});

	it('deletes a category, leaving its channels without a parent (channelUpdate each)', async () => {
		const category = (await guild.channels.create({
			name: 'Doomed',
			type: ChannelType.GuildCategory,
		})) as CategoryChannel;
		const child = await guild.channels.create({ name: 'survivor', parent: category.id });
		const detached = changedChannel(child.id);
		const deleted = next<GuildChannel>(scene.client, Events.ChannelDelete, (c: GuildChannel) => c.id === category.id);
		await category.delete('cleanup');
		expect((await detached).parentId).toBeNull();
		await deleted;
		expect(scene.world.channels.has(category.id)).toBe(false);
		expect(scene.world.channel(child.id).parentId).toBeNull();
	});

	it('lists every guild channel and fetches one; unknown is 10003 and an invisible one 50001', async () => {
		const channels = await guild.channels.fetch();
		expect(channels.size).toBe(scene.demo.guild.channels.size);
		const general = await scene.client.channels.fetch(scene.demo.channels.general as string, { force: true });
		expect((general as TextChannel).name).toBe('general');

		expect((await apiError(scene.client.channels.fetch('1', { force: true }))).code).toBe(10003);
		const hidden = await scene.channel('invisible', [scene.botRoleOverwrite(P.ViewChannel)]);
		expect((await apiError(scene.client.channels.fetch(hidden.id, { force: true }))).code).toBe(50001);
	});
});

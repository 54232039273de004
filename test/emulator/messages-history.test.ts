import {
	AuditLogEvent,
	Events,
	type Message,
	MessageFlags,
	PermissionFlagsBits as P,
	type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { apiError, formErrorCodes, next, Scene } from './messages-helpers.ts';

describe('fetching, editing and deleting messages through discord.js', () => {
	let scene: Scene;
	let general: TextChannel;

	beforeAll(async () => {
		scene = await Scene.start(await Emulator.start({ demo: true }));
		general = scene.client.channels.cache.get(scene.demo.channels.general as string) as TextChannel;
	});
	afterAll(async () => {
		await scene?.close();
	});

	const contents = (messages: Iterable<Message>) => [...messages].map((m) => m.content);

	describe('history', () => {
		let history: TextChannel;
		const ids: string[] = [];

		beforeAll(async () => {
			history = await scene.channel('history');
			for (let i = 0; i < 10; i++) ids.push((await history.send(`m${i}`)).id);
		});

		it('lists newest first and honours limit, before, after and around', async () => {
			expect(contents((await history.messages.fetch({ limit: 3, cache: false })).values())).toEqual(['m9', 'm8', 'm7']);
			expect(contents((await history.messages.fetch({ before: ids[5], limit: 2 })).values())).toEqual(['m4', 'm3']);
			expect(contents((await history.messages.fetch({ after: ids[5], limit: 2 })).values())).toEqual(['m7', 'm6']);
			expect(contents((await history.messages.fetch({ around: ids[5], limit: 3 })).values())).toEqual([
				'm6',
				'm5',
				'm4',
			]);
			expect((await history.messages.fetch()).size).toBe(10);
		});

		it('rejects a limit above 100 with 50035', async () => {
			const error = await apiError(history.messages.fetch({ limit: 101 }));
			expect(error.code).toBe(50035);
			expect(formErrorCodes(error, 'limit')).toEqual(['NUMBER_TYPE_MAX']);
		});

		it('returns no history without Read Message History, and 50013 for a single message', async () => {
			const blind = await scene.channel('blind', [scene.botRoleOverwrite(P.ReadMessageHistory)]);
			const sent = await blind.send('I can write here');
			expect((await blind.messages.fetch()).size).toBe(0);
			expect((await apiError(blind.messages.fetch({ message: sent.id, force: true }))).code).toBe(50013);
		});
	});

	describe('editing', () => {
		it('changes content, sets editedTimestamp and reaches the client as messageUpdate', async () => {
			const sent = await general.send('before edit');
			const updated = next<Message>(
				scene.client,
				Events.MessageUpdate,
				(_old: Message, m: Message) => m.id === sent.id,
			);
			const edited = await sent.edit('after edit');
			expect(edited.content).toBe('after edit');
			expect(edited.editedTimestamp).not.toBeNull();
			await updated;
			expect(scene.world.message(general.id, sent.id).content).toBe('after edit');
		});

		it('rebuilds mentions from the new content with the edit’s allowedMentions', async () => {
			const member = scene.demo.member.id;
			const sent = await general.send('no mention yet');
			const pinged = await sent.edit(`now <@${member}>`);
			expect(scene.world.message(general.id, pinged.id).pings.users).toEqual([member]);
			const quiet = await sent.edit({ content: `still <@${member}>`, allowedMentions: { parse: [] } });
			expect(scene.world.message(general.id, quiet.id).pings.users).toEqual([]);
			expect([...quiet.mentions.users.keys()]).toEqual([member]);
		});

		it('rejects edits to empty or over-long content', async () => {
			const sent = await general.send('keep me');
			expect((await apiError(sent.edit({ content: '' }))).code).toBe(50006);
			expect((await apiError(sent.edit('x'.repeat(2001)))).code).toBe(50035);
			expect(scene.world.message(general.id, sent.id).content).toBe('keep me');
		});

		it('rejects editing another user’s message with 50005, but lets Manage Messages suppress its embeds', async () => {
			const theirs = await scene.userMessage(general.id, scene.demo.member.id, 'https://example.com');
			const message = await general.messages.fetch(theirs.id);
			const error = await apiError(message.edit('rewritten'));
			expect(error.code).toBe(50005);
			expect(error.status).toBe(403);

			const suppressed = await message.suppressEmbeds(true);
			expect(suppressed.flags.has(MessageFlags.SuppressEmbeds)).toBe(true);
			expect(scene.world.message(general.id, theirs.id).content).toBe('https://example.com');
		});
	});

	describe('deleting', () => {
		it('deletes the bot’s own message, announced as messageDelete', async () => {
			const sent = await general.send('delete me');
			const deleted = next<Message>(scene.client, Events.MessageDelete, (m: Message) => m.id === sent.id);
			await sent.delete();
			await deleted;
			expect((await apiError(general.messages.fetch({ message: sent.id, force: true }))).code).toBe(10008);
		});

		it('needs Manage Messages for another user’s message, and audits the deletion', async () => {
			const guarded = await scene.channel('guarded', [scene.botRoleOverwrite(P.ManageMessages)]);
			const theirs = await scene.userMessage(guarded.id, scene.demo.member.id, 'not yours to delete');
			const message = await guarded.messages.fetch(theirs.id);
			expect((await apiError(message.delete())).code).toBe(50013);

			const other = await scene.userMessage(general.id, scene.demo.member.id, 'moderate me');
			await (await general.messages.fetch(other.id)).delete();
			expect(scene.world.channel(general.id).messages.has(other.id)).toBe(false);
			const logs = await general.guild.fetchAuditLogs({ type: AuditLogEvent.MessageDelete });
			expect(logs.entries.first()?.targetId).toBe(scene.demo.member.id);
			expect(logs.entries.first()?.executorId).toBe(scene.botId);
		});

		it('answers 50003 for another user’s message in a DM', async () => {
			const user = await scene.client.users.fetch(scene.demo.member.id);
			const dm = await user.createDM();
			const theirs = await scene.userMessage(dm.id, user.id, 'a private note');
			const message = await dm.messages.fetch(theirs.id);
			expect((await apiError(message.delete())).code).toBe(50003);
		});
	});
});

import { type Client, Events, type Guild } from 'discord.js';
import { RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlError, EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { expectApiError, nextEvent } from './guilds-helpers.ts';

const HOUR = 3_600_000;

/** Raid tools (Modify Guild Incident Actions, incidents_data, INVITES_DISABLED) through discord.js. */
describe('raid tools', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let client: Client<true>;
	let demo: SeedResult;
	let guild: Guild;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		guild = client.guilds.cache.get(demo.guild.id) as Guild;
	});
	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	const joinThrough = (code: string, username: string) =>
		control.join(guild.id, { user: { username }, invite_code: code }).then(
			() => null,
			(e: ControlError) => e,
		);

	it('pauses invites with setIncidentActions: incidents_data shows it, joins through invites are refused, then lifted', async () => {
		const invite = await control.createInvite(guild.id, { max_age: 0 });
		const until = new Date(emulator.world.now() + 2 * HOUR);
		const updated = nextEvent(client, Events.GuildUpdate);
		const data = await guild.setIncidentActions({ invitesDisabledUntil: until });
		expect(data.invitesDisabledUntil?.getTime()).toBe(until.getTime());
		await updated;
		expect((await guild.fetch()).incidentsData?.invitesDisabledUntil?.getTime()).toBe(until.getTime());
		expect((await joinThrough(invite.code, 'raider'))?.status).toBe(403);
		const vanity = await control.join(guild.id, { user: { username: 'vanity-raider' }, vanity: true }).catch((e) => e);
		expect(vanity.status).toBe(403);
		await guild.setIncidentActions({ invitesDisabledUntil: null });
		expect(await joinThrough(invite.code, 'welcome-back')).toBeNull();
	});

	it('lets a pause run out on the emulator clock', async () => {
		const invite = await control.createInvite(guild.id, { max_age: 0 });
		await guild.setIncidentActions({ invitesDisabledUntil: new Date(emulator.world.now() + HOUR) });
		expect((await joinThrough(invite.code, 'early'))?.status).toBe(403);
		await control.advanceClock(HOUR + 1000);
		expect(await joinThrough(invite.code, 'later')).toBeNull();
		expect((await guild.fetch()).incidentsData?.invitesDisabledUntil ?? null).toBeNull();
	});

	it('refuses a pause more than 24 hours ahead (50035) and one without Manage Guild (50013)', async () => {
		const tooFar = new Date(emulator.world.now() + 25 * HOUR);
		await expectApiError(
			guild.setIncidentActions({ invitesDisabledUntil: tooFar }),
			C.InvalidFormBodyOrContentType,
			400,
		);
		await control.call('PATCH', `/guilds/${guild.id}/roles/${demo.roles.Foyer}`, {
			permissions: String(P.ViewChannel),
		});
		try {
			await expectApiError(
				guild.setIncidentActions({ dmsDisabledUntil: new Date(emulator.world.now() + HOUR) }),
				C.MissingPermissions,
				403,
			);
		} finally {
			await control.call('PATCH', `/guilds/${guild.id}/roles/${demo.roles.Foyer}`, {
				permissions: emulator.defaultApp.defaultPermissions.toString(),
			});
		}
		expect((await guild.fetch()).incidentsData?.dmsDisabledUntil ?? null).toBeNull();
	});

	it('pauses every invite with the INVITES_DISABLED feature, announced with GUILD_UPDATE', async () => {
		const invite = await control.createInvite(guild.id, { max_age: 0 });
		const updated = nextEvent(client, Events.GuildUpdate, (_old, g) => g.features.includes('INVITES_DISABLED'));
		await control.call('PATCH', `/guilds/${guild.id}`, { invites_disabled: true });
		await updated;
		expect((await joinThrough(invite.code, 'paused'))?.status).toBe(403);
		await control.call('PATCH', `/guilds/${guild.id}`, { invites_disabled: false });
		expect(await joinThrough(invite.code, 'open-again')).toBeNull();
	});

	it('rejects a bad guild settings call with 400 naming the field and changes nothing', async () => {
		const error = await control
			.call('PATCH', `/guilds/${guild.id}`, { screening: 'yes', invites_disabled: true })
			.catch((e) => e);
		expect(error.status).toBe(400);
		expect(error.body.message).toContain('screening');
		expect((await control.guild(guild.id)).invites_disabled).toBe(false);
	});
});

import type { Client } from 'discord.js';
import type { TrueCode, TrueJoin, TrueSnapshot } from '../plugins/invites/attribution/oracle.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import type { LoggedRequest } from '../src/emulator/http/request-log.ts';
import { connectClient } from '../src/emulator/testing/client.ts';
import { addMemberRecord } from '../src/emulator/world/members.ts';
import type { Dispatch } from '../src/emulator/world/world.ts';
import { startTestFoyer, type TestFoyer } from '../src/testing/test-foyer.ts';

/** Who watches the joins: Foyer's engine on a plain discord.js client, or a whole Foyer with the invites plugin. */
export type Watcher = 'engine' | 'plugin';

/**
 * One benchmark guild in the emulator (realistic rate limits) with two bots: the one under test
 * (Foyer's engine on a plain client, or a real Foyer running the invites plugin) and seed 004's
 * tracker as the baseline, watching the same joins. Records the ground truth: every join with the
 * code it really used, every invite with its creation and deletion among the joins, and the
 * instants of the tested bot's snapshots.
 */
export async function startBenchWorld(options: { vanity: boolean; watcher?: Watcher }) {
	const watcher = options.watcher ?? 'engine';
	// The plugin's Foyer logs in to the emulator it starts (its own app is the emulator's default one).
	const foyer: TestFoyer | null =
		watcher === 'plugin'
			? await startTestFoyer({ plugins: [new URL('../plugins/invites/', import.meta.url)], rateLimits: 'realistic' })
			: null;
	const emulator = foyer ? foyer.emulator : await Emulator.start({ rateLimits: 'realistic' });
	const world = emulator.world;
	const seedApp = world.createApplication({ name: 'Seed004' });
	const owner = world.createUser({ username: 'bench-owner' });
	const guild = world.createGuild({
		name: 'Invite bench',
		ownerId: owner.id,
		channels: ['general'],
		vanityCode: options.vanity ? `bench-${Date.now().toString(36)}` : null,
		...(foyer ? { appIds: [] } : {}),
	});
	const channelId = guild.systemChannelId as string;
	const engineAppId = emulator.defaultApp.id;
	// Bots already logged in learn of the guild from GUILD_CREATE, as when a bot is added to a server.
	if (foyer) for (const id of [engineAppId, seedApp.id]) world.addBot(guild.id, id);

	const trueJoins: TrueJoin[] = [];
	const seen = new Set<string>();
	const codes = new Map<string, TrueCode>();
	const snapshots: TrueSnapshot[] = [];
	world.onDispatch((e: Dispatch) => {
		if (e.guildId !== guild.id) return;
		if (e.t === 'GUILD_MEMBER_ADD') {
			const d = e.d as { user: { id: string }; joined_at: string };
			const joinedAt = Date.parse(d.joined_at);
			const key = `${d.user.id}:${joinedAt}`;
			if (seen.has(key)) return;
			seen.add(key);
			const via = guild.members.get(d.user.id)?.joinedVia;
			const source: TrueJoin['source'] =
				via?.type === 'invite'
					? { kind: 'invite', code: via.code, inviterId: codes.get(via.code)?.inviterId ?? null }
					: via?.type === 'vanity'
						? { kind: 'vanity' }
						: { kind: 'none' };
			trueJoins.push({ userId: d.user.id, joinedAt, source });
		} else if (e.t === 'INVITE_DELETE') {
			const c = codes.get((e.d as { code: string }).code);
			if (c && c.deletedAfterJoins === undefined) c.deletedAfterJoins = trueJoins.length;
		}
	});
	// The instant each snapshot of the tested bot was taken: the log entry is added right after the
	// route handler read the world, before any other join can happen.
	const log = emulator.requests;
	const add = log.add.bind(log);
	log.add = (entry: Omit<LoggedRequest, 'id'>) => {
		if (entry.appId === engineAppId && entry.status === 200 && entry.path.includes(guild.id)) {
			if (entry.route === '/guilds/:guild_id/invites')
				snapshots.push({ kind: 'invites', joinsBefore: trueJoins.length });
			else if (entry.route === '/guilds/:guild_id/vanity-url')
				snapshots.push({ kind: 'vanity', joinsBefore: trueJoins.length });
		}
		add(entry);
	};

	const engineClient = foyer ? null : ((await connectClient(emulator)) as Client<true>);
	const seedClient = (await connectClient(emulator, { token: seedApp.token })) as Client<true>;
	let users = 0;

	return {
		emulator,
		guildId: guild.id,
		engineAppId,
		engineClient,
		foyer,
		seedClient,
		truth: { trueJoins, codes, snapshots },
		/** A member who will invite (there for long: no GUILD_MEMBER_ADD; a plugin credits only members). */
		newInviter(): string {
			const id = world.createUser({ username: `inviter${++users}` }).id;
			addMemberRecord(world, guild, id, { type: 'none' }, world.now() - 86_400_000);
			return id;
		},
		/** An invite made by `inviterId` (INVITE_CREATE and the audit entry follow, as on Discord). */
		invite(inviterId: string, opts: { maxUses?: number; maxAgeS?: number } = {}): string {
			const inv = world.createInvite(channelId, { inviterId, maxUses: opts.maxUses ?? 0, maxAge: opts.maxAgeS ?? 0 });
			codes.set(inv.code, {
				code: inv.code,
				inviterId,
				createdAt: inv.createdAt,
				expiresAt: inv.maxAge > 0 ? inv.createdAt + inv.maxAge * 1000 : null,
				createdAfterJoins: trueJoins.length,
			});
			return inv.code;
		},
		/** A new user joins through a code or the vanity URL; null when that is no longer possible. */
		join(via: string | 'vanity'): string | null {
			const user = world.createUser({ username: `joiner${++users}` });
			try {
				world.join(guild.id, user.id, via === 'vanity' ? { vanity: true } : { inviteCode: via });
				return user.id;
			} catch {
				return null;
			}
		},
		/** Codes a join can still use now (not used up, not expired). */
		live(codesOf: readonly string[]): string[] {
			return codesOf.filter((c) => {
				try {
					world.invite(c);
					return true;
				} catch {
					return false;
				}
			});
		},
		/** Discord sends GUILD_MEMBER_ADD again for a member who already joined. */
		resend(userId: string) {
			world.join(guild.id, userId, { duplicate: true });
		},
		requestsSince(id: number): LoggedRequest[] {
			return emulator.requests.since(id);
		},
		async close() {
			await engineClient?.destroy();
			await seedClient.destroy();
			if (foyer) await foyer.stop();
			else await emulator.close();
		},
	};
}

export type BenchWorld = Awaited<ReturnType<typeof startBenchWorld>>;

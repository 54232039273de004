import { type Client, Events, RESTEvents } from 'discord.js';
import { inviteCreatedOf, inviteReaderOf, memberJoinOf } from '../plugins/invites/_discord.ts';
import { GuildTracker, systemClock } from '../plugins/invites/attribution/tracker.ts';
import type { JoinDecision } from '../plugins/invites/attribution/types.ts';

export interface EngineRun {
	decisions: Map<string, JoinDecision>;
	tracker: GuildTracker;
	/** Resolves once every join received so far has a final decision (or after `timeoutMs`). */
	settled(timeoutMs: number): Promise<boolean>;
	stop(): void;
}

/**
 * The engine fed by a plain discord.js client exactly as the plugin's listeners will feed it:
 * GUILD_MEMBER_ADD, INVITE_CREATE/DELETE, and the three reads through discord.js's REST (its bucket
 * queue and 50/s cap). The bucket of GET /guilds/{id}/invites is taken from the response headers.
 */
export async function attachEngine(
	client: Client<true>,
	guildId: string,
	options: { vanity: boolean },
): Promise<EngineRun> {
	const guild = await client.guilds.fetch(guildId);
	const decisions = new Map<string, JoinDecision>();
	const tracker = new GuildTracker(inviteReaderOf(guild), systemClock, {
		// The benchmark's bot has Manage Channels and View Audit Log everywhere.
		inviteEventsComplete: true,
		auditLog: true,
		vanity: options.vanity,
		onDecision: (d) => decisions.set(d.key, d),
	});
	const onResponse = (request: { route: string; method: string }, response: { headers: Headers }) => {
		if (request.method !== 'GET' || request.route !== '/guilds/:id/invites') return;
		const limit = Number(response.headers.get('x-ratelimit-limit'));
		const remaining = Number(response.headers.get('x-ratelimit-remaining'));
		const resetAfter = Number(response.headers.get('x-ratelimit-reset-after'));
		// The first request of a window sees the whole window ahead of it.
		if (limit > 0 && remaining === limit - 1 && resetAfter > 0) tracker.bucketHint(limit, resetAfter * 1000);
	};
	client.rest.on(RESTEvents.Response, onResponse as never);
	const onAdd = (m: import('discord.js').GuildMember) => {
		if (m.guild.id === guildId) tracker.memberAdd(memberJoinOf(m));
	};
	const onCreate = (i: import('discord.js').Invite) => {
		if (i.guild?.id === guildId) tracker.inviteCreate(inviteCreatedOf(i));
	};
	const onDelete = (i: import('discord.js').Invite) => {
		if (i.guild?.id === guildId) tracker.inviteDelete(i.code);
	};
	client.on(Events.GuildMemberAdd, onAdd);
	client.on(Events.InviteCreate, onCreate);
	client.on(Events.InviteDelete, onDelete);
	await tracker.start();
	return {
		decisions,
		tracker,
		async settled(timeoutMs) {
			const deadline = performance.now() + timeoutMs;
			while (performance.now() < deadline) {
				if (tracker.timeline.joins.every((j) => j.decided)) return true;
				await new Promise((r) => setTimeout(r, 50));
			}
			return false;
		},
		stop() {
			tracker.stop();
			client.off(Events.GuildMemberAdd, onAdd);
			client.off(Events.InviteCreate, onCreate);
			client.off(Events.InviteDelete, onDelete);
			client.rest.off(RESTEvents.Response, onResponse as never);
		},
	};
}

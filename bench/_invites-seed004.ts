import { type Client, Events, type GuildMember } from 'discord.js';

export interface Seed004Record {
	code: string | null;
	inviterId: string | null;
}

/**
 * Seed 004's InviteTracker (section 3.4), as written: on every member join, fetch the guild's
 * invites, credit the first code whose uses went up against the cached copy, then replace the cache
 * with what was fetched. Codes the cache did not have (new ones, the vanity URL) are not looked at.
 * Each join fetches on its own, concurrently, as discord.py runs each on_member_join.
 */
export async function attachSeed004(client: Client<true>, guildId: string) {
	const guild = await client.guilds.fetch(guildId);
	let cache = new Map<string, number>();
	for (const inv of (await guild.invites.fetch({ cache: false })).values()) cache.set(inv.code, inv.uses ?? 0);
	const records = new Map<string, Seed004Record>();
	let inFlight = 0;
	const onAdd = async (member: GuildMember) => {
		if (member.guild.id !== guildId) return;
		const key = `${member.id}:${member.joinedTimestamp}`;
		inFlight++;
		try {
			const fetched = await guild.invites.fetch({ cache: false });
			const current = new Map([...fetched.values()].map((i) => [i.code, i.uses ?? 0] as const));
			let usedCode: string | null = null;
			let inviterId: string | null = null;
			for (const [code, uses] of current) {
				const before = cache.get(code);
				if (before !== undefined && uses > before) {
					usedCode = code;
					inviterId = fetched.get(code)?.inviterId ?? null;
					break;
				}
			}
			cache = current;
			records.set(key, { code: usedCode, inviterId });
		} catch {
			records.set(key, { code: null, inviterId: null });
		} finally {
			inFlight--;
		}
	};
	client.on(Events.GuildMemberAdd, onAdd);
	return {
		records,
		async settled(expected: number, timeoutMs: number) {
			const deadline = performance.now() + timeoutMs;
			while (performance.now() < deadline && (records.size < expected || inFlight > 0))
				await new Promise((r) => setTimeout(r, 100));
			return records.size >= expected;
		},
		stop() {
			client.off(Events.GuildMemberAdd, onAdd);
		},
	};
}

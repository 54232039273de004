import type { Client } from 'discord.js';

interface MemberAddPacket {
	t?: string;
	d?: { guild_id?: string; user?: { id?: string }; joined_at?: string };
}

/**
 * The dedupe key of a GUILD_MEMBER_ADD for a member discord.js already has with the same join time
 * (Discord "may also send it for users who are already members"), or null. Read before discord.js
 * handles the packet, which would overwrite the member and count them twice in `memberCount`: that
 * count is put back here.
 */
export function repeatedJoinKey(client: Client, packet: unknown): string | null {
	const p = packet as MemberAddPacket;
	if (p?.t !== 'GUILD_MEMBER_ADD' || !p.d?.guild_id || !p.d.user?.id || !p.d.joined_at) return null;
	const guild = client.guilds.cache.get(p.d.guild_id);
	const known = guild?.members.cache.get(p.d.user.id);
	const joinedAt = Date.parse(p.d.joined_at);
	if (!guild || !known || known.joinedTimestamp !== joinedAt) return null;
	guild.memberCount--;
	return `member-add:${guild.id}:${known.id}:${joinedAt}`;
}

import { container } from '@sapphire/framework';
import { waitForDecision } from './_waiters.ts';
import plugin from './plugin.ts';
import { countsOf } from './records/counts.ts';
import { latestJoinOf } from './records/joins.ts';

/** Within the core's 5 s limit for context providers: the welcome goes out with "someone" after it. */
const WAIT_MS = 4_000;

// %inviter%, %inviter_mention% and %invite_count% (the core's placeholders read `inviter`): who invited
// the member, once the engine decided their join; nothing (the neutral fallback) when it is unknown,
// ambiguous or not decided in time.
plugin.templateContext(async (member) => {
	const guildId = member.guild.id;
	if (!plugin.enabledIn(guildId)) return null;
	let join = await latestJoinOf(guildId, member.id);
	if (!join || join.source === 'pending') {
		const waiting = waitForDecision(guildId, member.id, WAIT_MS);
		// Decided between the read and the wait: look again before waiting.
		join = await latestJoinOf(guildId, member.id);
		if (!join || join.source === 'pending') {
			await waiting;
			join = await latestJoinOf(guildId, member.id);
		}
	}
	if (join?.source !== 'invite' || !join.inviterId) return null;
	const { client } = container;
	const guild = client.guilds.cache.get(guildId);
	const inviter =
		guild?.members.cache.get(join.inviterId) ?? (await guild?.members.fetch(join.inviterId).catch(() => null));
	const user = inviter?.user ?? (await client.users.fetch(join.inviterId).catch(() => null));
	const name = inviter?.displayName ?? user?.globalName ?? user?.username ?? 'someone';
	return { inviter: { id: join.inviterId, name, inviteCount: (await countsOf(guildId, join.inviterId)).effective } };
});

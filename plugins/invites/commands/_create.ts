import { type GuildBasedChannel, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { createInvite } from '../dashboard/_create-invite.ts';
import plugin from '../plugin.ts';
import { personalInviteOf, savePersonalInvite } from '../records/personal.ts';
import type { InviteContext } from './_context.ts';

/** One /invite create at a time per member, so two at once do not make two invites. */
const running = new Map<string, Promise<unknown>>();

const url = (code: string) => `https://discord.gg/${code}`;

/** Where Foyer may create an invite: the channel the command was used in, else the first it can. */
function channelFor(c: InviteContext): GuildBasedChannel | null {
	const me = c.guild.members.me;
	if (!me) return null;
	const can = (ch: GuildBasedChannel | null | undefined): ch is GuildBasedChannel =>
		!!ch &&
		!ch.isThread() &&
		'createInvite' in ch &&
		!!ch.permissionsFor(me)?.has(PermissionFlagsBits.CreateInstantInvite);
	if (can(c.interaction.channel)) return c.interaction.channel;
	return [...c.guild.channels.cache.values()].filter(can).sort((a, b) => a.id.localeCompare(b.id))[0] ?? null;
}

/**
 * /invite create: the member's personal invite (never expires, unlimited uses), reused while it
 * exists. Discord makes Foyer the inviter of an invite Foyer creates, so the code is stored against
 * the member (invite_personal) and the credit step credits its joins to them.
 */
export async function createPersonal(c: InviteContext) {
	if (c.interaction.user.bot) return c.tell(c.own('createBot'));
	const key = `${c.guild.id}:${c.interaction.user.id}`;
	const previous = running.get(key) ?? Promise.resolve();
	const mine = previous.then(() => personal(c));
	const done = mine.catch(() => undefined);
	running.set(key, done);
	try {
		return await mine;
	} finally {
		if (running.get(key) === done) running.delete(key);
	}
}

async function personal(c: InviteContext) {
	await c.interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const memberId = c.interaction.user.id;
	const existing = await personalInviteOf(c.guild.id, memberId);
	if (existing) {
		const alive = await c.guild.invites.fetch({ code: existing.code, cache: false }).catch(() => null);
		if (alive) return c.tell(c.own('createExisting', { url: url(existing.code) }));
	}
	const channel = channelFor(c);
	if (!channel) return c.tell(c.own('createNoChannel'));
	const created = await createInvite(
		c.guild,
		{ channelId: channel.id, maxUses: 0, maxAgeSeconds: 0, roleIds: [], targetUserIds: [] },
		`Personal invite of ${c.interaction.user.username} (/invite create)`,
		plugin.translator({ locale: c.interaction.locale }),
	);
	if (!created.ok) return c.tell(c.own('createRefused', { reason: created.problem }));
	await savePersonalInvite(c.guild.id, { memberId, code: created.code, channelId: channel.id });
	return c.tell(c.own('createNew', { url: url(created.code) }));
}

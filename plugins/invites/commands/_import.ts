import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { syncRanksOf } from '../_ranks.ts';
import { importUses, pendingCount, recordedUsesOf } from '../records/imports.ts';
import { personalInvites } from '../records/personal.ts';
import { transaction } from '../records/sql.ts';
import type { InviteContext } from './_context.ts';

/** Edit the deferred reply every this many invites (edits count against the interaction's webhook limits). */
const PROGRESS_EVERY = 10;

/**
 * /invite import [user]: credits to their inviters the uses the guild's invites had before Foyer
 * tracked them (each invite's uses minus the joins Foyer recorded through it), into `imported`.
 * Safe to run twice: each code's imported uses are kept (invite_imports), and only what is new is
 * credited. Invites Foyer created (personal invites: their joins are tracked) and invites without
 * an inviter are skipped. The deferred reply shows the progress.
 */
export async function importInvites(c: InviteContext) {
	await c.interaction.deferReply({ flags: MessageFlags.Ephemeral });
	if (!c.guild.members.me?.permissions.has(PermissionFlagsBits.ManageGuild)) return c.tell(c.own('importNoPermission'));
	const only = c.interaction.options.getUser('user');
	await c.tell(c.own('importStart'));
	const all = await c.guild.invites.fetch({ cache: false }).catch(() => null);
	if (!all) return c.tell(c.own('importNoPermission'));
	const personal = await personalInvites(c.guild.id);
	const me = c.guild.client.user.id;
	const list = [...all.values()].filter(
		(i) => i.inviterId !== null && i.inviterId !== me && !personal.has(i.code) && (!only || i.inviterId === only.id),
	);
	if (!list.length) return c.tell(c.own('importNone'));
	// Joins still being decided may be in these uses and be tracked later: not imported now (a later
	// import credits what they were not). Read after the invites, so every join in the uses is either
	// decided with its code or counted here.
	const pending = await transaction((sql) => pendingCount(sql, c.guild.id));
	let credited = 0;
	let skipped = 0;
	const inviters = new Set<string>();
	for (const [n, invite] of list.entries()) {
		const inviterId = invite.inviterId as string;
		const gained = await transaction(async (sql) => {
			const recorded = await recordedUsesOf(sql, c.guild.id, invite.code);
			const untracked = Math.max(0, (invite.uses ?? 0) - recorded - pending);
			return untracked > 0 ? importUses(sql, c.guild.id, invite.code, inviterId, untracked) : 0;
		});
		if (gained > 0) {
			credited += gained;
			inviters.add(inviterId);
		} else skipped++;
		if ((n + 1) % PROGRESS_EVERY === 0 && n + 1 < list.length)
			await c.tell(c.own('importProgress', { done: n + 1, total: list.length }));
	}
	for (const id of inviters) await syncRanksOf(c.guild, id);
	return c.tell(c.own('importDone', { total: list.length, credited, inviters: inviters.size, skipped }));
}

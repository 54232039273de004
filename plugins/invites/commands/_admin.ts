import { addBonus, MAX_BONUS, resetInviter } from '../_adjust.ts';
import { parseRankInput } from '../dashboard/_rank-input.ts';
import { queueRankSync } from '../dashboard/_ranks-answer.ts';
import { trackingChecks, trackingFacts } from '../dashboard/_tracking-status.ts';
import plugin from '../plugin.ts';
import { listRanks, removeRank, saveRank } from '../records/ranks.ts';
import { fmt, type InviteContext, mention, roleMention } from './_context.ts';

/** /invite add user invites: the bonus (`added`), negative to take; 0 or out of range changes nothing. */
export async function add(c: InviteContext) {
	const user = c.interaction.options.getUser('user', true);
	const delta = c.interaction.options.getInteger('invites', true);
	if (user.bot) return c.tell(c.own('addBot'));
	if (!Number.isInteger(delta) || Math.abs(delta) > MAX_BONUS)
		return c.tell(c.own('addRange', { max: fmt(MAX_BONUS) }));
	if (delta === 0) return c.tell(c.own('addZero'));
	const n = await addBonus(c.guild, user.id, delta);
	return c.tell(
		c.own('added', {
			who: mention(user.id),
			added: n.added,
			delta: delta > 0 ? `+${delta}` : String(delta),
			effective: n.effective,
		}),
	);
}

/** /invite reset user: counters to 0, their counted joins taken back (loyalty hears `removed`). */
export async function reset(c: InviteContext) {
	const user = c.interaction.options.getUser('user', true);
	const joins = await resetInviter(c.guild, user.id);
	return c.tell(c.own('reset', { who: mention(user.id), joins }));
}

/** /invite tracking status: each permission, and exactly what is missing (the dashboard's check). */
export async function trackingStatus(c: InviteContext) {
	const checks = trackingChecks(trackingFacts(c.guild), plugin.translator({ locale: c.interaction.locale }));
	const lines = checks.map((k) =>
		k.ok
			? c.own('trackingLineOk', { permission: k.permission, neededFor: k.neededFor })
			: c.own('trackingLineMissing', { missing: k.missing ?? k.permission }),
	);
	const head = checks.every((k) => k.ok) ? c.own('trackingOk') : c.own('trackingHead');
	return c.tell([head, ...lines].join('\n'));
}

/** /invite rank add role invites: the dashboard's checks (hierarchy, duplicates) before saving. */
export async function rankAdd(c: InviteContext) {
	const role = c.interaction.options.getRole('role', true);
	const invites = c.interaction.options.getInteger('invites', true);
	const input = parseRankInput(
		c.guild,
		{ role: role.id, invites: String(invites) },
		await listRanks(c.guild.id),
		plugin.translator({ locale: c.interaction.locale }),
	);
	if (!input.ok) return c.tell(c.own('rankNotAdded', { reason: Object.values(input.errors).join(' ') }));
	await saveRank(c.guild.id, input.roleId, input.invites);
	const on = plugin.settings(c.guild.id).ranks;
	if (on) await queueRankSync(c.guild.id);
	return c.tell(
		`${c.own('rankAdded', { role: roleMention(role.id), invites: fmt(input.invites) })} ${c.own(on ? 'rankAddedOn' : 'rankAddedOff')}`,
	);
}

/**
 * /invite rank remove role: the role is no longer a rank (members who have it keep it: Foyer stops
 * managing it); the others' roles are re-synced, as the highest rank may have changed.
 */
export async function rankRemove(c: InviteContext) {
	const role = c.interaction.options.getRole('role', true);
	if (!(await removeRank(c.guild.id, role.id))) return c.tell(c.own('rankNotARank', { role: roleMention(role.id) }));
	if (plugin.settings(c.guild.id).ranks) await queueRankSync(c.guild.id);
	return c.tell(c.own('rankRemoved', { role: roleMention(role.id) }));
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Guild } from 'discord.js';
import { assignProblem, type Translate } from 'foyer';
import { describeDelay, type FieldErrors, MAX_RULES, parseRuleInput, type Target } from './_rule-input.ts';
import { AutorolesRule } from './entities/autoroles-rule.ts';
import plugin from './plugin.ts';

/**
 * The auto-role rules of a guild: what the command, the listeners, the scheduled task and the
 * dashboard page all read and write. Rules come back in the order their roles are given.
 */
export interface AutoRole {
	id: number;
	roleId: string;
	target: Target;
	delaySeconds: number;
	position: number;
}

/** A rule as an admin sees it: the role's current name, the delay in words, and whether it still works. */
export interface RuleView extends AutoRole {
	roleName: string | null;
	delay: string;
	problem: string | null;
}

export type AddResult = { ok: true; rule: AutoRole } | { ok: false; errors: FieldErrors };

function toRule(row: { id: number; roleId: string; target: string; delaySeconds: number; position: number }): AutoRole {
	const { id, roleId, delaySeconds, position } = row;
	return { id, roleId, delaySeconds, position, target: row.target === 'bots' ? 'bots' : 'humans' };
}

// Every join reads its guild's rules; only this module writes them (add, remove, reorder, and the
// role-delete listener through removeRule), so a copy here stays exact. A guild without rules keeps
// an empty list: its joins cost no query. (A plugin reload re-evaluates this module: it starts empty.)
const cache = new Map<string, readonly AutoRole[]>();
// Loads under way, shared by the joins that arrive before the first one is answered.
const loading = new Map<string, Promise<readonly AutoRole[]>>();

async function cachedRules(guildId: string): Promise<readonly AutoRole[]> {
	const cached = cache.get(guildId);
	if (cached) return cached;
	let load = loading.get(guildId);
	if (!load) {
		const started = plugin
			.em()
			.find(AutorolesRule, { guildId }, { orderBy: { position: 'asc', id: 'asc' } })
			.then((rows) => {
				const rules = Object.freeze(rows.map((row) => Object.freeze(toRule(row))));
				// Not if a write forgot this load meanwhile: it may have read the rows from before the write.
				if (loading.get(guildId) === started) cache.set(guildId, rules);
				return rules;
			})
			.finally(() => {
				if (loading.get(guildId) === started) loading.delete(guildId);
			});
		load = started;
		loading.set(guildId, load);
	}
	return load;
}

export async function listRules(guildId: string): Promise<AutoRole[]> {
	return (await cachedRules(guildId)).map((r) => ({ ...r }));
}

/** After every write, once it is stored: the next read loads the rules again. */
function forget(guildId: string): void {
	cache.delete(guildId);
	loading.delete(guildId);
}

/** Bots get only the bot rules, humans only the human ones. */
export function rulesFor(rules: readonly AutoRole[], isBot: boolean): AutoRole[] {
	const target: Target = isBot ? 'bots' : 'humans';
	return rules.filter((r) => r.target === target);
}

export async function viewRules(guild: Guild, t: Translate): Promise<RuleView[]> {
	return (await listRules(guild.id)).map((rule) => {
		const role = guild.roles.cache.get(rule.roleId);
		return {
			...rule,
			roleName: role?.name ?? null,
			delay: describeDelay(rule.delaySeconds, t),
			problem: role ? assignProblem(role, t.locale) : t('errors.roleGone'),
		};
	});
}

const duplicate = (name: string, t: Translate): AddResult => ({
	ok: false,
	errors: { role: t('errors.duplicate', { name }) },
});

/**
 * Adds a rule at the end of the order, after checking the input, that the role exists, that Foyer may
 * give it (hierarchy) and that it is not configured yet. Errors are per field, ready for a form,
 * worded by `t` (the reader's language).
 */
export async function addRule(
	guild: Guild,
	raw: { roleId?: unknown; delaySeconds?: unknown; target?: unknown },
	t: Translate,
): Promise<AddResult> {
	const parsed = parseRuleInput(raw, t);
	if (!parsed.ok) return parsed;
	const { roleId, delaySeconds, target } = parsed.value;
	const role = guild.roles.cache.get(roleId);
	if (!role) return { ok: false, errors: { role: t('errors.noSuchRole') } };
	const problem = assignProblem(role, t.locale);
	if (problem) return { ok: false, errors: { role: problem } };
	const em = plugin.em();
	const existing = await em.find(AutorolesRule, { guildId: guild.id }, { orderBy: { position: 'asc' } });
	if (existing.some((r) => r.roleId === roleId)) return duplicate(role.name, t);
	if (existing.length >= MAX_RULES) return { ok: false, errors: { role: t('errors.tooMany', { max: MAX_RULES }) } };
	const row = em.create(AutorolesRule, {
		guildId: guild.id,
		roleId,
		target,
		delaySeconds,
		position: (existing.at(-1)?.position ?? 0) + 1,
		createdAt: new Date(),
	});
	try {
		await em.flush();
	} catch (error) {
		// Two admins adding the same role at once: the unique index decides.
		if (error instanceof UniqueConstraintViolationException) return duplicate(role.name, t);
		throw error;
	} finally {
		forget(guild.id);
	}
	return { ok: true, rule: toRule(row) };
}

/** Resolves whether a rule was removed. Pending delayed assignments of it are skipped when they fall due. */
export async function removeRule(guildId: string, roleId: string): Promise<boolean> {
	const removed = (await plugin.em().nativeDelete(AutorolesRule, { guildId, roleId })) > 0;
	forget(guildId);
	return removed;
}

/** Sets the order roles are given in; `roleIds` must name every rule of the guild exactly once. */
export async function reorderRules(guildId: string, roleIds: readonly string[]): Promise<boolean> {
	const em = plugin.em();
	const current = await em.find(AutorolesRule, { guildId });
	const same = current.length === roleIds.length && new Set(roleIds).size === roleIds.length;
	if (!same || !current.every((r) => roleIds.includes(r.roleId))) return false;
	for (const row of current) row.position = roleIds.indexOf(row.roleId) + 1;
	await em.flush();
	forget(guildId);
	return true;
}

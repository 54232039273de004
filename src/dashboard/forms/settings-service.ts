import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { validateSettings } from '../../core/settings/settings-schema.ts';
import { runningDashboard } from '../container.ts';
import { dashboardTexts, manifestTexts } from '../http/page-locale.ts';
import type { Session } from '../sessions/session-store.ts';
import { guildFieldErrors } from './settings-form.ts';

export type SettingsSaveResult =
	| { ok: true; values: Record<string, unknown>; changed: string[] }
	| { ok: false; values: Record<string, unknown>; errors: Record<string, string> };

/**
 * Validates a settings update (the schema's rules, then the guild's: channels and roles exist and
 * Foyer can use them), stores it and records the change in the audit log. Invalid input stores nothing.
 * Errors are written in `locale`, the page's.
 */
export async function saveSettings(
	guild: Guild,
	pluginId: string,
	input: Record<string, unknown>,
	session: Session,
	locale: string,
): Promise<SettingsSaveResult> {
	const plugins = container.plugins;
	const manifest = plugins.get(pluginId);
	if (!manifest) throw new Error(`No plugin "${pluginId}" is loaded`);
	const schema = manifest.settings ?? {};
	const before = plugins.settings(pluginId, guild.id) as Record<string, unknown>;
	const checked = validateSettings(schema, input, before as never, plugins.settingErrorWords(locale));
	if (!checked.ok) {
		const errors = checked.errors as Record<string, string>;
		// A field's own message for its pattern, in the page's language when the plugin has it.
		const texts = manifestTexts(manifest, locale);
		for (const [key, f] of Object.entries(schema))
			if (f.type === 'string' && f.patternMessage && errors[key] === f.patternMessage)
				errors[key] = texts.setting(key, 'pattern', f.patternMessage);
		return { ok: false, values: { ...before, ...input }, errors };
	}
	const value = checked.value as Record<string, unknown>;
	const changed = Object.keys(schema).filter((k) => JSON.stringify(value[k]) !== JSON.stringify(before[k]));
	const guildErrors = guildFieldErrors(guild, schema, value, changed, dashboardTexts(locale));
	if (Object.keys(guildErrors).length) return { ok: false, values: { ...before, ...input }, errors: guildErrors };
	if (changed.length === 0) return { ok: true, values: before, changed };
	const result = await plugins.updateSettings(pluginId, guild.id, input, locale);
	if (!result.ok)
		return { ok: false, values: { ...before, ...input }, errors: result.errors as Record<string, string> };
	await runningDashboard().record({
		guildId: guild.id,
		userId: session.userId,
		username: session.username,
		action: 'settings.update',
		plugin: pluginId,
		before: Object.fromEntries(changed.map((k) => [k, before[k]])),
		after: Object.fromEntries(changed.map((k) => [k, value[k]])),
	});
	return { ok: true, values: result.value as Record<string, unknown>, changed };
}

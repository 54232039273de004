import { ChannelType, type Guild } from 'discord.js';
import type { ManifestTexts } from '../../core/i18n/manifest-texts.ts';
import type { Translate } from '../../core/i18n/translations.ts';
import { channelProblem } from '../../core/messaging/channel-problems.ts';
import { assignProblem } from '../../core/roles/role-hierarchy.ts';
import type { SettingField, SettingsSchema } from '../../core/settings/settings-schema.ts';
import type { FormFields } from '../http/body.ts';

export interface FormOption {
	value: string;
	label: string;
	selected: boolean;
}

export interface FormFieldModel {
	key: string;
	type: SettingField['type'];
	label: string;
	help: string;
	/** The value as the input shows it. */
	value: string;
	checked: boolean;
	multiline: boolean;
	template: boolean;
	/** Where a template's text goes in the message, for its preview. */
	preview: 'content' | 'embed-title' | 'embed-description';
	maxLength: number | null;
	options: FormOption[] | null;
	multiple: boolean;
	error: string | null;
}

function colorText(value: unknown): string {
	return typeof value === 'number' ? `#${value.toString(16).padStart(6, '0')}` : '';
}

/**
 * The model of a settings form generated from a plugin's schema: one field per setting, channel
 * and role pickers filled from the guild, the current (or just-submitted) values and the errors;
 * labels, help and choices in the page's language (`texts`).
 */
export function settingsFormModel(
	guild: Guild,
	schema: SettingsSchema,
	values: Record<string, unknown>,
	errors: Record<string, string>,
	texts: ManifestTexts,
): FormFieldModel[] {
	const channels = [...guild.channels.cache.values()]
		.filter((c) => c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement)
		.sort((a, b) => a.name.localeCompare(b.name, texts.locale));
	const roles = [...guild.roles.cache.values()]
		.filter((r) => r.id !== guild.id && !r.managed)
		.sort((a, b) => b.position - a.position);
	return Object.entries(schema).map(([key, f]) => {
		const value = values[key];
		const model: FormFieldModel = {
			key,
			type: f.type,
			label: texts.setting(key, 'label', f.label),
			help: f.help ? texts.setting(key, 'help', f.help) : '',
			value: f.type === 'color' ? colorText(value) : Array.isArray(value) ? value.join(',') : String(value ?? ''),
			checked: value === true,
			multiline: f.type === 'string' && f.multiline === true,
			template: f.type === 'string' && f.template === true,
			preview: (f.type === 'string' && f.preview) || 'content',
			maxLength: f.type === 'string' ? (f.maxLength ?? null) : null,
			options: null,
			multiple: f.type === 'roles',
			error: errors[key] ?? null,
		};
		if (f.type === 'channel')
			model.options = channels.map((c) => ({ value: c.id, label: `#${c.name}`, selected: c.id === value }));
		if (f.type === 'role' || f.type === 'roles') {
			const chosen = new Set(Array.isArray(value) ? value : [value]);
			model.options = roles.map((r) => ({ value: r.id, label: `@${r.name}`, selected: chosen.has(r.id) }));
		}
		if (f.type === 'choice')
			model.options = f.choices.map((c) => ({ value: c, label: texts.choice(key, c), selected: c === value }));
		return model;
	});
}

/**
 * What a submitted settings form means for the schema: the last value of each field, role lists as
 * arrays (a hidden empty entry lets "none selected" clear the list), `_csrf` left out.
 */
export function settingsInput(schema: SettingsSchema, body: FormFields): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	for (const [key, raw] of Object.entries(body)) {
		// The form's own fields, not settings: the CSRF token and where a plain post returns.
		if (key === '_csrf' || key === '_back') continue;
		const field = schema[key];
		if (field?.type === 'roles') input[key] = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== '');
		else input[key] = Array.isArray(raw) ? raw[raw.length - 1] : raw;
	}
	return input;
}

/**
 * The checks only a guild can answer: a channel field names a text channel of this server where
 * Foyer can send and embed; a role field names a role of this server, one Foyer can give when the
 * field is `assignable` (checked on save: a role above Foyer's would fail on every member).
 * `t` is the dashboard's words in the page's language.
 */
export function guildFieldErrors(
	guild: Guild,
	schema: SettingsSchema,
	value: Record<string, unknown>,
	changed: Iterable<string>,
	t: Translate,
): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const key of changed) {
		const f = schema[key];
		const v = value[key];
		if (!f || v === null || v === undefined) continue;
		if (f.type === 'channel') {
			const channel = guild.channels.cache.get(String(v));
			const problem = channel?.isTextBased() ? channelProblem(channel) : null;
			if (!channel?.isTextBased()) errors[key] = t('form.errors.notTextChannel');
			else if (problem) errors[key] = problem.replace(/\.$/, '');
		}
		if (f.type === 'role') {
			const role = guild.roles.cache.get(String(v));
			const problem = role && f.assignable ? assignProblem(role) : null;
			if (!role) errors[key] = t('form.errors.notRole');
			else if (problem) errors[key] = t('form.errors.cannotGive', { problem });
		}
		if (f.type === 'roles' && Array.isArray(v)) {
			const roles = v.map((id) => guild.roles.cache.get(String(id)));
			const problem = f.assignable ? roles.map((r) => r && assignProblem(r)).find(Boolean) : null;
			if (roles.some((r) => !r)) errors[key] = t('form.errors.rolesNotHere');
			else if (problem) errors[key] = t('form.errors.rolesCannotGive', { problem });
		}
	}
	return errors;
}

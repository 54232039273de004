/**
 * A plugin's settings, declared once in its manifest: the core validates and stores them per guild,
 * the dashboard renders a form from the same declaration, and commands can read them typed.
 */
interface FieldBase<T> {
	label: string;
	help?: string;
	default: T;
}

export type SettingField =
	| ({
			type: 'boolean';
			/**
			 * Shown once, in the answer that turns the setting on: what the admin should know before
			 * relying on it (e.g. that rewarding invites can conflict with Discord's policies).
			 */
			caveat?: string;
	  } & FieldBase<boolean>)
	| ({
			type: 'string';
			minLength?: number;
			maxLength?: number;
			multiline?: boolean;
			pattern?: RegExp;
			/** What the form says when `pattern` refuses the text (default "has an invalid format"). */
			patternMessage?: string;
			/** A `%placeholder%` message template: the dashboard shows a live preview and unknown placeholders. */
			template?: boolean;
			/** The default in other languages (`{ 'es-ES': '...' }`), for servers that speak them. */
			localizedDefaults?: Partial<Record<string, string>>;
			/** Where the template's text goes, so the preview draws it there: the message (default) or its embed. */
			preview?: 'content' | 'embed-title' | 'embed-description';
	  } & FieldBase<string>)
	| ({ type: 'integer'; min?: number; max?: number } & FieldBase<number>)
	| ({ type: 'color' } & FieldBase<number | null>)
	| ({ type: 'channel' } & FieldBase<string | null>)
	| ({
			type: 'role';
			/** Foyer gives this role to members: a role above Foyer's (or managed) is refused on save, with the reason. */
			assignable?: boolean;
	  } & FieldBase<string | null>)
	| ({ type: 'roles'; max?: number; assignable?: boolean } & FieldBase<string[]>)
	| ({ type: 'choice'; choices: readonly string[] } & FieldBase<string>);

export type SettingsSchema = Record<string, SettingField>;

/** A field's value type from its `type` (not its default, which may be a narrower literal such as `null`). */
type ValueOf<F extends SettingField> = F extends { type: 'boolean' }
	? boolean
	: F extends { type: 'string' }
		? string
		: F extends { type: 'integer' }
			? number
			: F extends { type: 'color' }
				? number | null
				: F extends { type: 'channel' | 'role' }
					? string | null
					: F extends { type: 'roles' }
						? string[]
						: F extends { type: 'choice'; choices: readonly (infer C)[] }
							? C
							: never;
export type SettingsOf<S extends SettingsSchema> = { [K in keyof S]: ValueOf<S[K]> };

export type ValidationResult<S extends SettingsSchema> =
	| { ok: true; value: SettingsOf<S> }
	| { ok: false; errors: Partial<Record<keyof S & string, string>> };

const SNOWFLAKE = /^\d{17,20}$/;

/** The schema's defaults, in the server's language where a field has one for it. */
export function defaultSettings<S extends SettingsSchema>(schema: S, locale?: string): SettingsOf<S> {
	const out: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(schema)) {
		const localized = field.type === 'string' && locale ? localizedDefault(field.localizedDefaults, locale) : undefined;
		out[key] = localized ?? structuredClone(field.default);
	}
	return out as SettingsOf<S>;
}

/**
 * The settings to store: a text equal to its default in the server's language is left out, so that
 * it stays the default and follows the server when it chooses another language (a Spanish server's
 * untouched welcome reads Spanish). Only fields with `localizedDefaults` have a default that moves.
 */
export function withoutLanguageDefaults<S extends SettingsSchema>(
	schema: S,
	values: Record<string, unknown>,
	locale: string,
): Record<string, unknown> {
	const out = { ...values };
	for (const [key, field] of Object.entries(schema)) {
		if (field.type !== 'string' || !field.localizedDefaults) continue;
		const current = localizedDefault(field.localizedDefaults, locale) ?? field.default;
		if (out[key] === current) delete out[key];
	}
	return out;
}

function localizedDefault(defaults: Partial<Record<string, string>> | undefined, locale: string): string | undefined {
	if (!defaults) return undefined;
	return defaults[locale] ?? Object.entries(defaults).find(([l]) => l.split('-')[0] === locale.split('-')[0])?.[1];
}

/**
 * Validates a partial update over the current values. Input may come from JSON (typed values) or
 * from an HTML form (strings: "on"/"true", "#ff8800", "123"), so each field coerces what a form sends.
 * Unknown keys are errors: a typo must not be silently dropped.
 */
/** The settings among `changed` that have a caveat and are on in `value`: their caveats are due. */
export function caveatsTurnedOn(
	schema: SettingsSchema,
	value: Record<string, unknown>,
	changed: readonly string[],
): string[] {
	return changed.filter((key) => {
		const field = schema[key];
		return field?.type === 'boolean' && !!field.caveat && value[key] === true;
	});
}

/** The caveat texts of those settings. */
export function caveatTexts(schema: SettingsSchema, keys: readonly string[]): string[] {
	return keys.flatMap((key) => {
		const field = schema[key];
		return field?.type === 'boolean' && field.caveat ? [field.caveat] : [];
	});
}

/**
 * Why a value was refused, as a message code and its values: the words come from the core's catalogs
 * (`settings.errors.<code>`) in the reader's language; ENGLISH_ERRORS where no catalog is at hand.
 */
export type SettingErrorCode =
	| 'unknownSetting'
	| 'boolean'
	| 'text'
	| 'minLength'
	| 'maxLength'
	| 'pattern'
	| 'integer'
	| 'min'
	| 'max'
	| 'color'
	| 'channelId'
	| 'roleId'
	| 'roleIds'
	| 'maxRoles'
	| 'choice';

export type SettingErrorWords = (code: SettingErrorCode, vars: Record<string, string | number>) => string;

const ENGLISH_ERRORS: Record<SettingErrorCode, string> = {
	unknownSetting: 'is not a setting of this plugin',
	boolean: 'must be true or false',
	text: 'must be text',
	minLength: 'must be at least {min} characters',
	maxLength: 'must be at most {max} characters',
	pattern: 'has an invalid format',
	integer: 'must be a whole number',
	min: 'must be at least {min}',
	max: 'must be at most {max}',
	color: 'must be a colour like #5865f2',
	channelId: 'must be a channel id',
	roleId: 'must be a role id',
	roleIds: 'must be a list of role ids',
	maxRoles: 'must have at most {max} roles',
	choice: 'must be one of {choices}',
};

export const englishSettingErrors: SettingErrorWords = (code, vars) =>
	ENGLISH_ERRORS[code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

type FieldError = { code: SettingErrorCode; vars?: Record<string, string | number>; text?: string };

export function validateSettings<S extends SettingsSchema>(
	schema: S,
	input: Record<string, unknown>,
	current: SettingsOf<S> = defaultSettings(schema),
	words: SettingErrorWords = englishSettingErrors,
): ValidationResult<S> {
	const errors: Record<string, string> = {};
	const value: Record<string, unknown> = { ...current };
	for (const key of Object.keys(input)) if (!(key in schema)) errors[key] = words('unknownSetting', {});
	for (const [key, field] of Object.entries(schema)) {
		if (!(key in input)) continue;
		const result = coerceField(field, input[key]);
		if ('error' in result) errors[key] = result.error.text ?? words(result.error.code, result.error.vars ?? {});
		else value[key] = result.value;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors: errors as Partial<Record<keyof S & string, string>> };
	return { ok: true, value: value as SettingsOf<S> };
}

function coerceField(field: SettingField, raw: unknown): { value: unknown } | { error: FieldError } {
	switch (field.type) {
		case 'boolean': {
			if (typeof raw === 'boolean') return { value: raw };
			if (raw === 'on' || raw === 'true' || raw === '1') return { value: true };
			if (raw === 'off' || raw === 'false' || raw === '0' || raw === '') return { value: false };
			return { error: { code: 'boolean' } };
		}
		case 'string': {
			if (typeof raw !== 'string') return { error: { code: 'text' } };
			const text = field.multiline ? raw.replace(/\r\n/g, '\n') : raw.trim();
			if (field.minLength !== undefined && text.length < field.minLength)
				return { error: { code: 'minLength', vars: { min: field.minLength } } };
			if (field.maxLength !== undefined && text.length > field.maxLength)
				return { error: { code: 'maxLength', vars: { max: field.maxLength } } };
			if (field.pattern && !field.pattern.test(text))
				return { error: field.patternMessage ? { code: 'pattern', text: field.patternMessage } : { code: 'pattern' } };
			return { value: text };
		}
		case 'integer': {
			const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
			if (!Number.isInteger(n)) return { error: { code: 'integer' } };
			if (field.min !== undefined && n < field.min) return { error: { code: 'min', vars: { min: field.min } } };
			if (field.max !== undefined && n > field.max) return { error: { code: 'max', vars: { max: field.max } } };
			return { value: n };
		}
		case 'color': {
			if (raw === null || raw === '') return { value: null };
			if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 0xffffff) return { value: raw };
			if (typeof raw === 'string' && /^#?[0-9a-f]{6}$/i.test(raw))
				return { value: Number.parseInt(raw.replace('#', ''), 16) };
			return { error: { code: 'color' } };
		}
		case 'channel':
		case 'role': {
			if (raw === null || raw === '') return { value: null };
			if (typeof raw === 'string' && SNOWFLAKE.test(raw)) return { value: raw };
			return { error: { code: field.type === 'channel' ? 'channelId' : 'roleId' } };
		}
		case 'roles': {
			const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? (raw === '' ? [] : raw.split(',')) : null;
			if (!list?.every((id) => typeof id === 'string' && SNOWFLAKE.test(id.trim())))
				return { error: { code: 'roleIds' } };
			const ids = [...new Set(list.map((id) => (id as string).trim()))];
			if (field.max !== undefined && ids.length > field.max)
				return { error: { code: 'maxRoles', vars: { max: field.max } } };
			return { value: ids };
		}
		case 'choice': {
			if (typeof raw === 'string' && field.choices.includes(raw)) return { value: raw };
			return { error: { code: 'choice', vars: { choices: field.choices.join(', ') } } };
		}
	}
}

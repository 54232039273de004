import { type APIEmbed, EmbedType } from 'discord-api-types/v10';
import { fieldError } from '../errors.ts';
import { isSnowflake } from '../snowflake.ts';
import type { AllowedMentions } from '../world/mentions.ts';
import { isObject, rootError } from './input.ts';
import { checkComponents } from './message-components.ts';

/** Message flags a bot may set when it sends a message. */
export const SUPPRESS_EMBEDS = 1 << 2;
export const SUPPRESS_NOTIFICATIONS = 1 << 12;
export const IS_COMPONENTS_V2 = 1 << 15;
const SENDABLE_FLAGS = SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2;

export interface MessageReferenceInput {
	type?: number;
	message_id?: string;
	channel_id?: string;
	guild_id?: string;
	fail_if_not_exists?: boolean;
}

/** A create or edit body after validation; absent fields stay absent (edits only change what is sent). */
export interface MessageInput {
	content?: string | null;
	embeds?: APIEmbed[] | null;
	components?: unknown[] | null;
	allowed_mentions?: AllowedMentions | null;
	message_reference?: MessageReferenceInput | null;
	flags?: number | null;
	attachments?: unknown[] | null;
	/** Files of a multipart body (see http/body.ts). */
	__files?: unknown[];
}

/** Discord counts characters as code points. */
const length = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);

function maxLength(path: string, value: unknown, max: number): number {
	if (value === undefined || value === null) return 0;
	if (typeof value !== 'string') throw fieldError(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
	const n = length(value);
	if (n > max) throw fieldError(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
	return n;
}

function list(path: string, value: unknown, max: number): unknown[] {
	if (!Array.isArray(value)) throw fieldError(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	if (value.length > max) throw fieldError(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
	return value;
}

function required(path: string, value: unknown): void {
	if (value === undefined || value === null || value === '')
		throw fieldError(path, 'BASE_TYPE_REQUIRED', 'This field is required');
}

/** Discord's embed limits: each field's own limit, and 6000 characters across all embeds. */
function checkEmbeds(embeds: unknown): APIEmbed[] {
	let total = 0;
	for (const [i, e] of list('embeds', embeds, 10).entries()) {
		const at = `embeds.${i}`;
		if (!isObject(e)) throw fieldError(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
		total += maxLength(`${at}.title`, e.title, 256);
		total += maxLength(`${at}.description`, e.description, 4096);
		if (e.footer !== undefined && e.footer !== null) {
			if (!isObject(e.footer))
				throw fieldError(`${at}.footer`, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
			total += maxLength(`${at}.footer.text`, e.footer.text, 2048);
		}
		if (e.author !== undefined && e.author !== null) {
			if (!isObject(e.author))
				throw fieldError(`${at}.author`, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
			total += maxLength(`${at}.author.name`, e.author.name, 256);
		}
		if (e.fields !== undefined && e.fields !== null)
			for (const [j, f] of list(`${at}.fields`, e.fields, 25).entries()) {
				const fat = `${at}.fields.${j}`;
				if (!isObject(f)) throw fieldError(fat, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
				required(`${fat}.name`, f.name);
				required(`${fat}.value`, f.value);
				total += maxLength(`${fat}.name`, f.name, 256);
				total += maxLength(`${fat}.value`, f.value, 1024);
			}
		if (e.color !== undefined && e.color !== null) {
			if (typeof e.color !== 'number' || !Number.isInteger(e.color))
				throw fieldError(`${at}.color`, 'NUMBER_TYPE_COERCE', `Value "${String(e.color)}" is not int.`);
			if (e.color < 0 || e.color > 0xffffff)
				throw fieldError(`${at}.color`, 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
		}
	}
	if (total > 6000) throw fieldError('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
	return (embeds as APIEmbed[]).map(normalizeEmbed);
}

const urlOnly = (media: { url: string } | undefined) => (media ? { url: media.url } : undefined);

/**
 * An embed as Discord stores a bot's: always `rich`, fields `inline: false` unless set, and no
 * provider, video or media sizes (those are Discord's to fill in).
 */
function normalizeEmbed(embed: APIEmbed): APIEmbed {
	const { type: _type, provider: _provider, video: _video, image, thumbnail, fields, ...rest } = embed;
	return {
		type: EmbedType.Rich,
		...rest,
		...(image ? { image: urlOnly(image) } : {}),
		...(thumbnail ? { thumbnail: urlOnly(thumbnail) } : {}),
		...(fields ? { fields: fields.map((f) => ({ name: f.name, value: f.value, inline: f.inline ?? false })) } : {}),
	} as APIEmbed;
}

function checkIds(path: string, value: unknown): void {
	if (value === undefined || value === null) return;
	for (const [i, id] of list(path, value, 100).entries())
		if (!isSnowflake(id))
			throw fieldError(`${path}.${i}`, 'NUMBER_TYPE_COERCE', `Value "${String(id)}" is not snowflake.`);
}

/** `parse` names mention types; listing ids of a type that `parse` already allows is an error, as on Discord. */
function checkAllowedMentions(am: unknown): AllowedMentions {
	if (!isObject(am))
		throw fieldError('allowed_mentions', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	const parse = am.parse === undefined || am.parse === null ? [] : list('allowed_mentions.parse', am.parse, 3);
	for (const [i, p] of parse.entries())
		if (p !== 'users' && p !== 'roles' && p !== 'everyone')
			throw fieldError(
				`allowed_mentions.parse.${i}`,
				'BASE_TYPE_CHOICES',
				"Value must be one of ('everyone', 'roles', 'users').",
			);
	checkIds('allowed_mentions.users', am.users);
	checkIds('allowed_mentions.roles', am.roles);
	for (const type of ['users', 'roles'] as const)
		if (parse.includes(type) && Array.isArray(am[type]) && (am[type] as unknown[]).length > 0)
			throw fieldError(
				'allowed_mentions',
				'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
				`parse:["${type}"] and ${type}: [ids...] are mutually exclusive.`,
			);
	if (am.replied_user !== undefined && am.replied_user !== null && typeof am.replied_user !== 'boolean')
		throw fieldError('allowed_mentions.replied_user', 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
	return am as AllowedMentions;
}

function checkReference(ref: unknown): MessageReferenceInput {
	if (!isObject(ref))
		throw fieldError('message_reference', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	if (ref.type !== undefined && ref.type !== null && ref.type !== 0)
		throw fieldError('message_reference.type', 'BASE_TYPE_CHOICES', 'Only replies (type 0) are emulated.');
	for (const key of ['message_id', 'channel_id', 'guild_id'] as const)
		if (ref[key] !== undefined && ref[key] !== null && !isSnowflake(ref[key]))
			throw fieldError(
				`message_reference.${key}`,
				'NUMBER_TYPE_COERCE',
				`Value "${String(ref[key])}" is not snowflake.`,
			);
	required('message_reference.message_id', ref.message_id);
	return ref as MessageReferenceInput;
}

/** With IS_COMPONENTS_V2 a message is its components: content and embeds must be empty. */
export function checkComponentsV2Exclusive(input: MessageInput): void {
	if (input.content) throw legacyField('content');
	if (input.embeds?.length) throw legacyField('embeds');
}

const legacyField = (field: string) =>
	fieldError(
		field,
		'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
		`The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
	);

/**
 * Validates a message body as Discord's create/edit message endpoints do; every violation is a
 * 50035 naming the field. `tts` is accepted and ignored (`nonce` with `enforce_nonce`: message-nonces.ts). On edit, flags Discord would
 * ignore are left for the route to drop instead of failing.
 */
export function readMessageInput(body: unknown, mode: 'create' | 'edit'): MessageInput {
	if (body === undefined || body === null) body = {};
	if (!isObject(body)) throw rootError('DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	const input: MessageInput = {};
	if ('content' in body) {
		maxLength('content', body.content, 2000);
		input.content = (body.content as string | null) ?? null;
	}
	if (body.embeds !== undefined) input.embeds = body.embeds === null ? null : checkEmbeds(body.embeds);
	if (body.allowed_mentions !== undefined && body.allowed_mentions !== null)
		input.allowed_mentions = checkAllowedMentions(body.allowed_mentions);
	if (body.flags !== undefined && body.flags !== null) {
		if (typeof body.flags !== 'number' || !Number.isInteger(body.flags))
			throw fieldError('flags', 'NUMBER_TYPE_COERCE', `Value "${String(body.flags)}" is not int.`);
		if (mode === 'create' && (body.flags & ~SENDABLE_FLAGS) !== 0)
			throw fieldError('flags', 'MESSAGE_FLAGS_INVALID', 'Invalid message flags');
		input.flags = body.flags;
	}
	if (mode === 'create' && body.message_reference !== undefined && body.message_reference !== null)
		input.message_reference = checkReference(body.message_reference);
	if (body.components !== undefined) {
		const v2 = ((input.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
		if (body.components !== null) checkComponents(body.components, v2);
		input.components = body.components as unknown[] | null;
	}
	if (body.attachments !== undefined) input.attachments = body.attachments as unknown[] | null;
	if (Array.isArray(body.__files)) input.__files = body.__files;
	if (((input.flags ?? 0) & IS_COMPONENTS_V2) !== 0) checkComponentsV2Exclusive(input);
	return input;
}

import type { APIEmbed } from 'discord-api-types/v10';
import { Errors, fieldError } from '../errors.ts';

export interface MessageInput {
	content?: string | null;
	embeds?: APIEmbed[] | null;
	components?: unknown[] | null;
	allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean } | null;
	message_reference?: { message_id?: string; channel_id?: string; fail_if_not_exists?: boolean } | null;
	flags?: number | null;
	__files?: unknown[];
}

const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);

/** Discord's limits on a message body; every violation is a 50035 naming the field. */
export function validateMessageInput(body: unknown, { requireContent = true } = {}): MessageInput {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw fieldError('_root', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	const b = body as MessageInput;
	if (b.content != null && typeof b.content !== 'string')
		throw fieldError('content', 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
	if (len(b.content) > 2000) throw fieldError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
	if (b.embeds != null) {
		if (!Array.isArray(b.embeds))
			throw fieldError('embeds', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
		if (b.embeds.length > 10) throw fieldError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
		let total = 0;
		for (const [i, e] of b.embeds.entries()) {
			const check = (path: string, value: unknown, max: number) => {
				if (len(value) > max)
					throw fieldError(`embeds.${i}.${path}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
				total += len(value);
			};
			check('title', e.title, 256);
			check('description', e.description, 4096);
			check('footer.text', e.footer?.text, 2048);
			check('author.name', e.author?.name, 256);
			if ((e.fields?.length ?? 0) > 25)
				throw fieldError(`embeds.${i}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
			for (const [j, f] of (e.fields ?? []).entries()) {
				check(`fields.${j}.name`, f.name, 256);
				check(`fields.${j}.value`, f.value, 1024);
			}
			if (e.color !== undefined && (typeof e.color !== 'number' || e.color < 0 || e.color > 0xffffff))
				throw fieldError(`embeds.${i}.color`, 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
		}
		if (total > 6000) throw fieldError('embeds', 'MESSAGE_EMBEDS_TOO_LONG', 'Embed size exceeds maximum size of 6000');
	}
	const am = b.allowed_mentions;
	if (am) {
		const parse = am.parse ?? [];
		if (parse.some((p) => !['users', 'roles', 'everyone'].includes(p)))
			throw fieldError(
				'allowed_mentions.parse',
				'BASE_TYPE_CHOICES',
				"Value must be one of ('users', 'roles', 'everyone').",
			);
		if (parse.includes('users') && am.users?.length)
			throw fieldError(
				'allowed_mentions',
				'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
				'parse:["users"] and users: [ids...] are mutually exclusive.',
			);
		if (parse.includes('roles') && am.roles?.length)
			throw fieldError(
				'allowed_mentions',
				'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
				'parse:["roles"] and roles: [ids...] are mutually exclusive.',
			);
		if ((am.users?.length ?? 0) > 100 || (am.roles?.length ?? 0) > 100)
			throw fieldError('allowed_mentions', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
	}
	if (b.flags != null && (b.flags & ~(4 | 4096 | 32768)) !== 0)
		throw fieldError('flags', 'MESSAGE_FLAGS_INVALID', 'Invalid message flags');
	const empty = !b.content && !b.embeds?.length && !b.components?.length && !b.__files?.length;
	if (requireContent && empty) throw Errors.emptyMessage();
	return b;
}

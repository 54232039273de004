import { ApplicationCommandType, ApplicationCommandOptionType as O } from 'discord-api-types/v10';
import { fieldError } from '../errors.ts';

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validates a command body as Discord does for create, edit and bulk overwrite (50035 with the field path). */
export function validateCommand(body: unknown, path = ''): Record<string, unknown> {
	if (typeof body !== 'object' || body === null)
		throw fieldError(path || '_root', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	const cmd = body as Record<string, unknown>;
	const at = (f: string) => (path ? `${path}.${f}` : f);
	const type = (cmd.type as number | undefined) ?? ApplicationCommandType.ChatInput;
	if (typeof cmd.name !== 'string' || !NAME_RE.test(cmd.name))
		throw fieldError(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
	if (type === ApplicationCommandType.ChatInput) {
		if (cmd.name !== cmd.name.toLowerCase())
			throw fieldError(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
		if (typeof cmd.description !== 'string' || cmd.description.length < 1 || cmd.description.length > 100)
			throw fieldError(at('description'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
	}
	validateOptions(cmd.options, at('options'), 0);
	return cmd;
}

function validateOptions(options: unknown, path: string, depth: number): void {
	if (options === undefined || options === null) return;
	if (!Array.isArray(options)) throw fieldError(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	if (options.length > 25) throw fieldError(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
	const names = new Set<string>();
	let sawOptional = false;
	for (const [i, option] of options.entries()) {
		const p = `${path}.${i}`;
		const o = option as Record<string, unknown>;
		if (typeof o.name !== 'string' || !NAME_RE.test(o.name) || o.name !== o.name.toLowerCase())
			throw fieldError(`${p}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
		if (names.has(o.name))
			throw fieldError(`${p}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
		names.add(o.name);
		if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100)
			throw fieldError(`${p}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
		const type = o.type as number;
		if (!Object.values(O).includes(type))
			throw fieldError(
				`${p}.type`,
				'BASE_TYPE_CHOICES',
				`Value must be one of ${Object.values(O)
					.filter((v) => typeof v === 'number')
					.join(', ')}.`,
			);
		if (type === O.Subcommand || type === O.SubcommandGroup) {
			if (depth >= (type === O.SubcommandGroup ? 1 : 2))
				throw fieldError(
					`${p}.type`,
					'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
					'Sub-command and sub-command group option types are mutually exclusive to all other types',
				);
			validateOptions(o.options, `${p}.options`, depth + (type === O.SubcommandGroup ? 1 : 2));
			continue;
		}
		if (o.required) {
			if (sawOptional)
				throw fieldError(
					`${p}.required`,
					'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
					'Required options must be placed before non-required options',
				);
		} else sawOptional = true;
		if (Array.isArray(o.choices) && o.choices.length > 25)
			throw fieldError(`${p}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
	}
}

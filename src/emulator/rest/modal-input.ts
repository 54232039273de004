import { ComponentType as T } from 'discord-api-types/v10';
import { fieldError } from '../errors.ts';
import { withComponentIds } from './component-ids.ts';
import { isObject } from './input.ts';

/**
 * A modal as Discord accepts it in an interaction callback (type 9): custom_id 1-100, title up to
 * 45, 1-5 top-level components, each a Label (type 18) around one input, a Text Display, or the
 * older action row holding one text input (Components reference: Label, Text Input, Checkbox).
 */
const IN_LABEL = new Set<number>([
	T.TextInput,
	T.StringSelect,
	T.UserSelect,
	T.RoleSelect,
	T.MentionableSelect,
	T.ChannelSelect,
	T.FileUpload,
	T.RadioGroup,
	T.CheckboxGroup,
	T.Checkbox,
]);

function text(path: string, value: unknown, min: number, max: number): void {
	if (typeof value !== 'string' || [...value].length < min || [...value].length > max)
		throw fieldError(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function input(path: string, c: unknown): void {
	if (!isObject(c) || !IN_LABEL.has(c.type as number))
		throw fieldError(
			`${path}.type`,
			'UNION_TYPE_CHOICES',
			`Value of field "type" must be one of (${[...IN_LABEL].join(', ')}).`,
		);
	text(`${path}.custom_id`, c.custom_id, 1, 100);
	if (c.type === T.TextInput && c.style !== 1 && c.style !== 2)
		throw fieldError(`${path}.style`, 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
	if (c.type === T.StringSelect && (!Array.isArray(c.options) || c.options.length < 1 || c.options.length > 25))
		throw fieldError(`${path}.options`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
}

export function readModal(data: unknown): Record<string, unknown> {
	if (!isObject(data)) throw fieldError('data', 'MODEL_TYPE_CONVERT', 'A modal needs custom_id, title and components');
	text('data.custom_id', data.custom_id, 1, 100);
	text('data.title', data.title, 1, 45);
	const top = data.components;
	if (!Array.isArray(top) || top.length < 1 || top.length > 5)
		throw fieldError('data.components', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
	const ids = new Set<string>();
	for (const [i, c] of top.entries()) {
		const at = `data.components.${i}`;
		if (!isObject(c)) throw fieldError(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
		let inner: unknown;
		if (c.type === T.Label) {
			text(`${at}.label`, c.label, 1, 45);
			if (c.description !== undefined && c.description !== null) text(`${at}.description`, c.description, 0, 100);
			inner = c.component;
			input(`${at}.component`, inner);
		} else if (c.type === T.ActionRow) {
			const row = Array.isArray(c.components) ? c.components : [];
			if (row.length !== 1 || !isObject(row[0]) || row[0].type !== T.TextInput)
				throw fieldError(`${at}.components`, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'A modal row holds one text input');
			inner = row[0];
			input(`${at}.components.0`, inner);
		} else if (c.type === T.TextDisplay) text(`${at}.content`, c.content, 1, 4000);
		else throw fieldError(`${at}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
		const customId = isObject(inner) ? (inner.custom_id as string) : null;
		if (customId !== null && ids.has(customId))
			throw fieldError(`${at}`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
		if (customId !== null) ids.add(customId);
	}
	return { ...data, components: withComponentIds(top) };
}

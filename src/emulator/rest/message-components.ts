import { ButtonStyle, ComponentType as T } from 'discord-api-types/v10';
import { fieldError } from '../errors.ts';
import { isObject } from './input.ts';

/**
 * Discord's layout rules for message components. Without IS_COMPONENTS_V2: up to 5 action rows,
 * each with up to 5 buttons or exactly one select menu. With it: layout components at the top, up
 * to 40 components in all. Everywhere: custom ids are unique and at most 100 characters, buttons
 * have a custom id except link (url) and premium (sku_id) buttons.
 */

const SELECTS = new Set<number>([T.StringSelect, T.UserSelect, T.RoleSelect, T.MentionableSelect, T.ChannelSelect]);
const V1_TOP = [T.ActionRow];
const V2_TOP = [T.ActionRow, T.Section, T.TextDisplay, T.MediaGallery, T.File, T.Separator, T.Container];
const V2_TOTAL = 40;

type Node = Record<string, unknown>;

function choices(path: string, allowed: readonly number[]) {
	return fieldError(
		`${path}.type`,
		'UNION_TYPE_CHOICES',
		`Value of field "type" must be one of (${allowed.join(', ')}).`,
	);
}

function children(path: string, value: unknown, min: number, max: number): Node[] {
	if (!Array.isArray(value)) throw fieldError(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	if (value.length < min || value.length > max)
		throw fieldError(
			path,
			min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH',
			min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`,
		);
	for (const [i, c] of value.entries())
		if (!isObject(c))
			throw fieldError(`${path}.${i}`, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	return value as Node[];
}

function text(path: string, value: unknown, max: number, isRequired: boolean): void {
	if (value === undefined || value === null || value === '') {
		if (isRequired) throw fieldError(path, 'BASE_TYPE_REQUIRED', 'This field is required');
		return;
	}
	if (typeof value !== 'string') throw fieldError(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
	if ([...value].length > max) throw fieldError(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

class Walker {
	readonly #ids = new Set<string>();
	count = 0;

	customId(path: string, value: unknown): void {
		text(`${path}.custom_id`, value, 100, true);
		if (this.#ids.has(value as string))
			throw fieldError(
				`${path}.custom_id`,
				'COMPONENT_CUSTOM_ID_DUPLICATED',
				'Component custom id cannot be duplicated',
			);
		this.#ids.add(value as string);
	}

	row(path: string, row: Node): void {
		this.count++;
		const items = children(`${path}.components`, row.components, 1, 5);
		const hasSelect = items.some((c) => SELECTS.has(c.type as number));
		if (hasSelect && items.length > 1)
			throw fieldError(
				`${path}.components`,
				'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
				'The specified component exceeds the maximum width',
			);
		for (const [i, c] of items.entries()) {
			const at = `${path}.components.${i}`;
			if (c.type === T.Button) this.button(at, c);
			else if (SELECTS.has(c.type as number)) this.select(at, c);
			else throw choices(at, [T.Button, ...SELECTS]);
		}
	}

	button(path: string, b: Node): void {
		this.count++;
		const style = b.style as number;
		if (!Number.isInteger(style) || style < ButtonStyle.Primary || style > ButtonStyle.Premium)
			throw fieldError(`${path}.style`, 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6).');
		text(`${path}.label`, b.label, 80, false);
		if (style === ButtonStyle.Link) {
			text(`${path}.url`, b.url, 512, true);
			if (b.custom_id !== undefined && b.custom_id !== null)
				throw fieldError(
					`${path}.custom_id`,
					'BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE',
					'A custom id and url cannot both be specified',
				);
		} else if (style === ButtonStyle.Premium) text(`${path}.sku_id`, b.sku_id, 20, true);
		else this.customId(path, b.custom_id);
	}

	select(path: string, s: Node): void {
		this.count++;
		this.customId(path, s.custom_id);
		text(`${path}.placeholder`, s.placeholder, 150, false);
		if (s.type === T.StringSelect)
			for (const [i, o] of children(`${path}.options`, s.options, 1, 25).entries()) {
				text(`${path}.options.${i}.label`, o.label, 100, true);
				text(`${path}.options.${i}.value`, o.value, 100, true);
			}
	}

	/** Components V2: layout components may nest; only their interactive parts carry custom ids. */
	v2(path: string, c: Node): void {
		if (c.type === T.ActionRow) return this.row(path, c);
		if (c.type === T.Button) return this.button(path, c);
		this.count++;
		if (c.type === T.Container)
			for (const [i, child] of children(`${path}.components`, c.components, 1, V2_TOTAL).entries())
				this.v2(`${path}.components.${i}`, child);
		if (c.type === T.Section) {
			for (const [i, child] of children(`${path}.components`, c.components, 1, 3).entries()) {
				if (child.type !== T.TextDisplay) throw choices(`${path}.components.${i}`, [T.TextDisplay]);
				this.v2(`${path}.components.${i}`, child);
			}
			if (isObject(c.accessory)) this.v2(`${path}.accessory`, c.accessory);
		}
		if (c.type === T.TextDisplay) text(`${path}.content`, c.content, 4000, true);
	}
}

export function checkComponents(components: unknown, v2: boolean): void {
	const top = children('components', components, 0, v2 ? V2_TOTAL : 5);
	const walker = new Walker();
	for (const [i, c] of top.entries()) {
		const at = `components.${i}`;
		const allowed = v2 ? V2_TOP : V1_TOP;
		if (!allowed.includes(c.type as T)) throw choices(at, allowed);
		if (v2) walker.v2(at, c);
		else walker.row(at, c);
	}
	if (v2 && walker.count > V2_TOTAL)
		throw fieldError('components', 'BASE_TYPE_MAX_LENGTH', `Must be ${V2_TOTAL} or fewer in length.`);
}

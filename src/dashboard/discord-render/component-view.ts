import { hexColor, safeUrl } from './escape.ts';
import { renderLabels } from './labels.ts';
import { type MarkdownOptions, renderMarkdown } from './markdown.ts';

/** What the partial draws for a component; `*Html` fields are trusted (rendered markdown). */
export type ComponentView =
	| { kind: 'row'; children: ComponentView[] }
	| { kind: 'button'; label: string; emoji: string; style: ButtonLook; url: string | null; disabled: boolean }
	| { kind: 'select'; placeholder: string; disabled: boolean }
	| { kind: 'text'; html: string }
	| { kind: 'container'; accent: string | null; spoiler: boolean; children: ComponentView[] }
	| { kind: 'section'; children: ComponentView[]; accessory: ComponentView | null }
	| { kind: 'separator'; divider: boolean; large: boolean }
	| { kind: 'gallery'; items: { url: string; alt: string }[] }
	| { kind: 'thumbnail'; url: string; alt: string }
	| { kind: 'file'; name: string };

export type ButtonLook = 'primary' | 'secondary' | 'success' | 'danger' | 'link' | 'premium';

const BUTTON_STYLES: Record<number, ButtonLook> = {
	1: 'primary',
	2: 'secondary',
	3: 'success',
	4: 'danger',
	5: 'link',
	6: 'premium',
};
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
/** Discord allows 40 top-level components and nests them three deep; the rest is not drawn. */
const MAX_COMPONENTS = 40;
const MAX_DEPTH = 3;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 512) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_COMPONENTS) : []);

function emojiText(v: unknown): string {
	if (!isObject(v)) return '';
	if (typeof v.id === 'string' && v.id) return `:${str(v.name, 32)}:`;
	return str(v.name, 32);
}

/** Discord's message components (JSON from anyone: every field is checked) as views for the partial. */
export function componentViews(components: readonly unknown[], md: MarkdownOptions, depth = 0): ComponentView[] {
	if (depth > MAX_DEPTH) return [];
	const views: ComponentView[] = [];
	for (const c of list(components)) {
		const view = isObject(c) ? componentView(c, md, depth) : null;
		if (view) views.push(view);
	}
	return views;
}

function componentView(c: Json, md: MarkdownOptions, depth: number): ComponentView | null {
	const children = () => componentViews(list(c.components), md, depth + 1);
	switch (c.type) {
		case 1:
			return { kind: 'row', children: children() };
		case 2: {
			const style = BUTTON_STYLES[Number(c.style)] ?? 'secondary';
			return {
				kind: 'button',
				label: str(c.label, 80),
				emoji: emojiText(c.emoji),
				style,
				url: style === 'link' ? safeUrl(c.url) : null,
				disabled: c.disabled === true,
			};
		}
		case 9: {
			const accessory = isObject(c.accessory) ? componentView(c.accessory, md, depth + 1) : null;
			return { kind: 'section', children: children(), accessory };
		}
		case 10:
			return { kind: 'text', html: renderMarkdown(str(c.content, 4000), { ...md, maxLength: 4000 }) };
		case 11: {
			const url = safeUrl(isObject(c.media) ? c.media.url : null);
			return url ? { kind: 'thumbnail', url, alt: str(c.description, 1024) } : null;
		}
		case 12: {
			const items = list(c.items)
				.filter(isObject)
				.map((item) => ({
					url: safeUrl(isObject(item.media) ? item.media.url : null),
					alt: str(item.description, 1024),
				}))
				.filter((item): item is { url: string; alt: string } => item.url !== null);
			return items.length ? { kind: 'gallery', items } : null;
		}
		case 13: {
			const url = isObject(c.file) ? str(c.file.url, 1024) : '';
			return { kind: 'file', name: url.replace(/^attachment:\/\//, '') || renderLabels(md.time.locale).attachment };
		}
		case 14:
			return { kind: 'separator', divider: c.divider !== false, large: c.spacing === 2 };
		case 17:
			return {
				kind: 'container',
				accent: hexColor(c.accent_color),
				spoiler: c.spoiler === true,
				children: children(),
			};
		default:
			if (SELECT_TYPES.has(Number(c.type)))
				return {
					kind: 'select',
					placeholder: str(c.placeholder, 150) || renderLabels(md.time.locale).select,
					disabled: c.disabled === true,
				};
			return null;
	}
}

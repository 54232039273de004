import { LOCALES, type Locale } from './locales.ts';

/**
 * The supported locale a browser prefers, from its `Accept-Language` header (`es-AR,es;q=0.9,en;q=0.8`):
 * the highest-weighted language Foyer speaks, matched by language (`es-AR` reaches `es-ES`); null
 * when it names none of them.
 */
export function localeFromAcceptLanguage(header: string | string[] | undefined): Locale | null {
	const value = Array.isArray(header) ? header.join(',') : header;
	if (!value) return null;
	const wanted = value
		.split(',')
		.slice(0, 20)
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
		})
		.filter((w) => w.tag && w.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	for (const { tag } of wanted) {
		const exact = LOCALES.find((l) => l.toLowerCase() === tag);
		if (exact) return exact;
		const language = tag.split('-')[0];
		const sibling = LOCALES.find((l) => l.split('-')[0] === language);
		if (sibling) return sibling;
	}
	return null;
}

import { coreText } from '../../core/i18n/core-text.ts';

/**
 * Every word the renderer shows itself (not the message's own text), from the core catalogs
 * (`dashboard.render.*`) in the page's language: names Discord shows for mentions it cannot
 * resolve, the "Today at" of a message's time, and so on.
 */
export interface RenderLabels {
	unknownUser: string;
	unknownRole: string;
	unknownChannel: string;
	appBadge: string;
	spoiler: string;
	truncated: string;
	todayAt: (time: string) => string;
	yesterdayAt: (time: string) => string;
	select: string;
	attachment: string;
}

const cache = new Map<string, RenderLabels>();

export function renderLabels(locale: string | null | undefined): RenderLabels {
	const key = locale ?? 'en-US';
	let labels = cache.get(key);
	if (!labels) {
		const t = (name: string, vars?: Record<string, string>) => coreText(`dashboard.render.${name}`, key, vars);
		labels = {
			unknownUser: t('unknownUser'),
			unknownRole: t('unknownRole'),
			unknownChannel: t('unknownChannel'),
			appBadge: t('appBadge'),
			spoiler: t('spoiler'),
			truncated: t('truncated'),
			todayAt: (time) => t('todayAt', { time }),
			yesterdayAt: (time) => t('yesterdayAt', { time }),
			select: t('select'),
			attachment: t('attachment'),
		};
		cache.set(key, labels);
	}
	return labels;
}

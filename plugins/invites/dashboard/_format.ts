import type { Route } from '@sapphire/plugin-api';
import { pageLocale, type Translate } from 'foyer';
import plugin from '../plugin.ts';

/** How the invite pages word and format things in one language: its texts, numbers and times. */
export interface PageWords {
	locale: string;
	t: Translate;
	/** A count as the language writes it (`1,000` in English, `1000` / `10.000` in Spanish). */
	n(value: number): string;
	/** A moment in UTC, date and minutes (`Mar 1, 2026, 2:05 PM` / `1 mar 2026, 14:05`). */
	time(ms: number): string;
}

export function pageWords(locale: string): PageWords {
	const number = new Intl.NumberFormat(locale);
	const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
	return {
		locale,
		t: plugin.translator({ locale }),
		n: (value) => number.format(value),
		time: (ms) => moment.format(ms),
	};
}

/** The words of a server's dashboard page: the language the server chose. */
export const wordsOf = (request: Route.Request) => pageWords(pageLocale(request));

import type { Guild } from 'discord.js';
import { pagePath } from './_answer.ts';
import type { OrderErrors } from './_order-input.ts';
import plugin from './plugin.ts';

export interface PurchaseSectionState {
	values?: Record<string, string>;
	errors?: OrderErrors;
	message?: { kind: 'ok' | 'error'; text: string } | null;
}

/** The manual purchase form: type, member, amount (in the guild's currency), order id, product. */
export function renderPurchaseSection(guild: Guild, csrf: string, state: PurchaseSectionState = {}): string {
	return plugin.views.render('purchase', {
		locale: plugin.language(guild.id),
		base: pagePath(guild.id),
		csrf,
		currency: plugin.settings(guild.id).currency,
		message: state.message ?? null,
		values: { type: 'purchase', user: '', amount: '', order: '', product: '', ...state.values },
		errors: state.errors ?? {},
	});
}

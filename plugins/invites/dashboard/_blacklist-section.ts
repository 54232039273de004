import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';
import { blacklistList } from '../records/index.ts';
import { isoTime } from './_answer.ts';
import type { BlacklistField, BlacklistValues } from './_blacklist-input.ts';
import type { PageWords } from './_format.ts';
import { nameOf } from './_names.ts';
import { pagePath } from './_paths.ts';

export interface BlacklistState {
	message?: { kind: 'ok' | 'error'; text: string };
	values?: BlacklistValues;
	errors?: Partial<Record<BlacklistField, string>>;
}

/** The blacklist section (views/blacklist.eta): the list, remove buttons and the add form. */
export async function renderBlacklistSection(
	guild: Guild,
	csrf: string,
	w: PageWords,
	state: BlacklistState = {},
): Promise<string> {
	const rows = (await blacklistList(guild.id)).map((b) => ({
		userId: b.userId,
		name: nameOf(guild, b.userId, w.t),
		reason: b.reason ?? '',
		at: w.time(b.at),
		atIso: isoTime(b.at),
		by: b.byId ? nameOf(guild, b.byId, w.t) : null,
	}));
	return plugin.views.render('blacklist', {
		locale: w.locale,
		base: pagePath(guild.id),
		csrf,
		rows,
		message: state.message ?? null,
		values: state.values ?? { user: '', reason: '' },
		errors: state.errors ?? {},
	});
}

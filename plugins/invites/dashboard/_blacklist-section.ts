import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';
import { blacklistList } from '../records/index.ts';
import { isoTime, shortTime } from './_answer.ts';
import type { BlacklistField, BlacklistValues } from './_blacklist-input.ts';
import { nameOf } from './_names.ts';
import { pagePath } from './_paths.ts';

export interface BlacklistState {
	message?: { kind: 'ok' | 'error'; text: string };
	values?: BlacklistValues;
	errors?: Partial<Record<BlacklistField, string>>;
}

/** The blacklist section (views/blacklist.eta): the list, remove buttons and the add form. */
export async function renderBlacklistSection(guild: Guild, csrf: string, state: BlacklistState = {}): Promise<string> {
	const rows = (await blacklistList(guild.id)).map((b) => ({
		userId: b.userId,
		name: nameOf(guild, b.userId),
		reason: b.reason ?? '',
		at: shortTime(b.at),
		atIso: isoTime(b.at),
		by: b.byId ? nameOf(guild, b.byId) : null,
	}));
	return plugin.views.render('blacklist', {
		base: pagePath(guild.id),
		csrf,
		rows,
		message: state.message ?? null,
		values: state.values ?? { user: '', reason: '' },
		errors: state.errors ?? {},
	});
}

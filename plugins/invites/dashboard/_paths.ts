import type { Translate } from 'foyer';
import plugin from '../plugin.ts';

/** The plugin's dashboard pages of a guild: `/invites/<guild>` and what is under it. */
export const pagePath = (guildId: string, sub = '') => `/${plugin.id}/${guildId}${sub ? `/${sub}` : ''}`;

/** The generated settings form of the plugin (fraud rules, ranks on/off and mode). */
export const settingsPath = (guildId: string) => `/guilds/${guildId}/plugins/${plugin.id}/settings`;

/** The pages of the sub-navigation, in its order, with their label's key in `page.subnav`. */
export const SECTIONS = [
	{ key: '', label: 'tracking' },
	{ key: 'stats', label: 'stats' },
	{ key: 'joins', label: 'joins' },
	{ key: 'fraud', label: 'fraud' },
	{ key: 'ranks', label: 'ranks' },
	{ key: 'codes', label: 'codes' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** The model of views/subnav.eta. */
export function subnav(guildId: string, active: SectionKey, t: Translate) {
	return SECTIONS.map((s) => ({
		label: t(`page.subnav.${s.label}`),
		href: pagePath(guildId, s.key),
		current: s.key === active,
	}));
}

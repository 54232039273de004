import plugin from '../plugin.ts';

/** The plugin's dashboard pages of a guild: `/invites/<guild>` and what is under it. */
export const pagePath = (guildId: string, sub = '') => `/${plugin.id}/${guildId}${sub ? `/${sub}` : ''}`;

/** The generated settings form of the plugin (fraud rules, ranks on/off and mode). */
export const settingsPath = (guildId: string) => `/guilds/${guildId}/plugins/${plugin.id}/settings`;

/** The pages of the sub-navigation, in its order. */
export const SECTIONS = [
	{ key: '', label: 'Tracking' },
	{ key: 'stats', label: 'Statistics' },
	{ key: 'joins', label: 'Join log' },
	{ key: 'fraud', label: 'Suspicious joins & blacklist' },
	{ key: 'ranks', label: 'Ranks' },
	{ key: 'codes', label: 'Invites' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** The model of views/subnav.eta. */
export function subnav(guildId: string, active: SectionKey) {
	return SECTIONS.map((s) => ({ label: s.label, href: pagePath(guildId, s.key), current: s.key === active }));
}

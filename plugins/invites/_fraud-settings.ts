import type { FraudSettings } from './attribution/index.ts';
import plugin from './plugin.ts';

/** The guild's fraud rules from its settings (0 turns a numeric rule off). */
export function fraudSettingsOf(guildId: string): FraudSettings {
	const s = plugin.settings(guildId);
	return {
		selfInvite: s.selfInvite,
		minAccountAgeDays: s.minAccountAgeDays > 0 ? s.minAccountAgeDays : null,
		noAvatar: s.noAvatar,
		rejoinWithinMinutes: s.rejoinMinutes > 0 ? s.rejoinMinutes : null,
		inviterBurst: s.burstJoins > 0 ? { joins: s.burstJoins, minutes: s.burstMinutes } : null,
		blacklist: s.blacklist,
	};
}

import { configured } from './_settings.ts';
import type { VerificationService } from './api.ts';
import { findWaiting } from './gate/_waiting.ts';
import plugin from './plugin.ts';

export const service: VerificationService = {
	gates: (guildId) => plugin.enabledIn(guildId) && configured(plugin.settings(guildId)),
	isWaiting: async (guildId, memberId) => (await findWaiting(guildId, memberId)) !== null,
};

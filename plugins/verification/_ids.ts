import plugin from './plugin.ts';

/** custom_ids of the gate's components: namespaced by the plugin, stable across versions. */
export const VERIFY_BUTTON = `${plugin.id}:verify`;
export const CAPTCHA_BUTTON = `${plugin.id}:captcha`;
export const CAPTCHA_MODAL = `${plugin.id}:captcha-answer`;
export const CAPTCHA_FIELD = 'code';

/** One pending removal per member: a verification, a leave or a newer join replaces or cancels it. */
export const kickKey = (guildId: string, userId: string) => `kick:${guildId}:${userId}`;
export const lockdownKey = (guildId: string) => `lockdown:${guildId}`;

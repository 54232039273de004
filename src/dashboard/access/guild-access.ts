import type { Client, Guild } from 'discord.js';
import { PermissionFlagsBits } from 'discord.js';

/** `reason` is a key of the dashboard's catalogs (`error.<reason>`), so the refusal is in the reader's language. */
export type GuildAccess =
	| { ok: true; guild: Guild }
	| { ok: false; status: 403 | 404; reason: 'botNotInGuild' | 'needsManageServer' };

/**
 * Whether a user may manage a guild (owner, Administrator or Manage Server), judged from the bot's
 * own view of the guild (gateway state, not the user's OAuth2 token, so a revoked role counts at once
 * after the cache expires). Answers are cached per user and guild for at most `ttlMs`.
 */
export class GuildAccessCache {
	readonly #cache = new Map<string, { allowed: boolean; until: number }>();

	constructor(
		private readonly client: Client,
		private readonly ttlMs: number,
	) {}

	async check(userId: string, guildId: string): Promise<GuildAccess> {
		const guild = this.client.guilds.cache.get(guildId);
		if (!guild) return { ok: false, status: 404, reason: 'botNotInGuild' };
		const key = `${userId}:${guildId}`;
		const now = Date.now();
		const hit = this.#cache.get(key);
		const allowed = hit && hit.until > now ? hit.allowed : await this.#compute(guild, userId);
		if (!hit || hit.until <= now) {
			this.#cache.set(key, { allowed, until: now + this.ttlMs });
			if (this.#cache.size > 50_000) this.#cache.clear();
		}
		return allowed ? { ok: true, guild } : { ok: false, status: 403, reason: 'needsManageServer' };
	}

	async #compute(guild: Guild, userId: string): Promise<boolean> {
		if (guild.ownerId === userId) return true;
		const member = await guild.members.fetch(userId).catch(() => null);
		if (!member) return false;
		return member.permissions.has(PermissionFlagsBits.ManageGuild, true);
	}

	/** Forget a user's cached answers (after logout). */
	forget(userId: string): void {
		for (const key of this.#cache.keys()) if (key.startsWith(`${userId}:`)) this.#cache.delete(key);
	}
}

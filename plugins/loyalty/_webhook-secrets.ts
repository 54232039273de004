import { createHash, randomBytes } from 'node:crypto';
import { sealedSecrets } from 'foyer';
import { ensureGuild } from './_guild-row.ts';
import { num, sqlOn } from './_sql.ts';
import { LoyaltyGuild } from './entities/loyalty-guild.ts';
import plugin from './plugin.ts';

/** How long the secret before a rotation keeps working, so the shop can be updated without lost deliveries. */
export const GRACE_MS = 24 * 3_600_000;

export interface WebhookSecrets {
	/** Secrets a delivery may be signed with now (current first). */
	candidates: string[];
	createdAt: number | null;
	previousUntil: number | null;
	/** A stored secret that this DASHBOARD_SECRET cannot open (it changed): generate a new one. */
	unreadable: boolean;
}

const box = () => sealedSecrets(`${plugin.id}:webhook`);
// Opened secrets per guild, so a delivery costs no database read or decryption; only this module writes them.
const cache = new Map<string, Promise<WebhookSecrets>>();

/** A new signing secret: 32 random bytes, as text a shop's settings accept. */
export function generateSecret(): string {
	return `fyl_${randomBytes(32).toString('base64url')}`;
}

/** A short, safe way to tell secrets apart on the page (never the secret itself). */
export function fingerprint(secret: string): string {
	return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

async function load(guildId: string): Promise<WebhookSecrets> {
	// Raw SQL, like every read here: any copy of this module (the benchmark's floor) reads the same row.
	const [row] = await sqlOn(plugin.em())(
		'select secret_sealed, secret_created_at_ms, previous_sealed, previous_until_ms from loyalty_guilds where guild_id = ?',
		[guildId],
	);
	const now = plugin.now();
	const out: WebhookSecrets = { candidates: [], createdAt: null, previousUntil: null, unreadable: false };
	const sealed = row?.secret_sealed as string | null | undefined;
	if (!sealed) return out;
	const current = box().open(sealed);
	if (current === null) return { ...out, unreadable: true };
	out.candidates.push(current);
	out.createdAt = num(row?.secret_created_at_ms);
	const until = num(row?.previous_until_ms);
	const previousSealed = row?.previous_sealed as string | null | undefined;
	if (previousSealed && until !== null && until > now) {
		const previous = box().open(previousSealed);
		if (previous !== null) {
			out.candidates.push(previous);
			out.previousUntil = until;
		}
	}
	return out;
}

/** The guild's webhook secrets (cached; a grace period that ended is dropped when seen). */
export async function webhookSecrets(guildId: string): Promise<WebhookSecrets> {
	let entry = cache.get(guildId);
	if (!entry) {
		entry = load(guildId);
		entry.catch(() => cache.delete(guildId));
		cache.set(guildId, entry);
	}
	const secrets = await entry;
	if (secrets.previousUntil !== null && secrets.previousUntil <= plugin.now()) {
		cache.delete(guildId);
		return webhookSecrets(guildId);
	}
	return secrets;
}

/**
 * A new secret for the guild, returned once (it is stored sealed). The one it replaces keeps working
 * for GRACE_MS; a rotation during a grace period ends the older one's.
 */
export async function rotateSecret(guildId: string): Promise<{ secret: string; previousUntil: number | null }> {
	await ensureGuild(guildId);
	const secret = generateSecret();
	const now = plugin.now();
	const em = plugin.em();
	const row = await em.findOneOrFail(LoyaltyGuild, { guildId });
	const readable = row.secretSealed !== null && row.secretSealed !== undefined && box().open(row.secretSealed) !== null;
	const previousUntil = readable ? now + GRACE_MS : null;
	await em.nativeUpdate(
		LoyaltyGuild,
		{ guildId },
		{
			secretSealed: box().seal(secret),
			secretCreatedAtMs: now,
			previousSealed: readable ? row.secretSealed : null,
			previousUntilMs: previousUntil,
		},
	);
	cache.delete(guildId);
	return { secret, previousUntil };
}

/** Stops accepting the previous secret now (the shop uses the new one). */
export async function endGrace(guildId: string): Promise<boolean> {
	const updated = await sqlOn(plugin.em())(
		'update loyalty_guilds set previous_sealed = null, previous_until_ms = null where guild_id = ? and previous_sealed is not null returning guild_id',
		[guildId],
	);
	cache.delete(guildId);
	return updated.length > 0;
}

/** Turns the webhook off: no secret, so every delivery is refused until a new one is generated. */
export async function disableWebhook(guildId: string): Promise<boolean> {
	const updated = await sqlOn(plugin.em())(
		`update loyalty_guilds set secret_sealed = null, secret_created_at_ms = null, previous_sealed = null, previous_until_ms = null
		 where guild_id = ? and secret_sealed is not null returning guild_id`,
		[guildId],
	);
	cache.delete(guildId);
	return updated.length > 0;
}

import type { AddressInfo } from 'node:net';
import { container } from '@sapphire/framework';
import type { Client, Guild } from 'discord.js';
import type { RESTAPIPartialCurrentUserGuild } from 'discord-api-types/v10';
import type { Database } from '../core/database/database.ts';
import { DEFAULT_LOCALE } from '../core/i18n/locales.ts';
import type { PluginManager } from '../core/plugins/plugin-manager.ts';
import { GuildAccessCache } from './access/guild-access.ts';
import { LoginThrottle } from './access/login-throttle.ts';
import { DashboardAuditEntry } from './audit/audit-entry-entity.ts';
import { type AuditLog, MemoryAuditLog, type NewAuditEntry } from './audit/audit-log.ts';
import { DbAuditLog } from './audit/db-audit-log.ts';
import { DiscordOAuth } from './discord-oauth.ts';
import { dashboardTexts, manifestTexts } from './http/page-locale.ts';
import {
	type DashboardOptions,
	DEFAULT_MAX_BODY_BYTES,
	DEFAULT_PERMISSION_TTL_MS,
	DEFAULT_SESSION_TTL_MS,
} from './options.ts';
import { DashboardSession } from './sessions/dashboard-session-entity.ts';
import { DbSessionStore } from './sessions/db-session-store.ts';
import { MemorySessionStore, type Session, type SessionStore } from './sessions/session-store.ts';
import { TokenCipher } from './sessions/token-cipher.ts';

export interface NavEntry {
	label: string;
	href: string;
	key: string;
}

/**
 * The admin dashboard's state (`container.dashboard`): sessions, the audit log, permission checks,
 * OAuth2 and the navigation plugins contribute. Its pages are plugin-api routes (src/dashboard/routes).
 */
export class Dashboard {
	readonly sessions: SessionStore;
	readonly audit: AuditLog;
	readonly access: GuildAccessCache;
	readonly logins: LoginThrottle;
	readonly oauth: DiscordOAuth;
	readonly owners: ReadonlySet<string>;
	readonly secureCookies: boolean;
	readonly maxBodyBytes: number;
	readonly sessionTtlMs: number;
	readonly sandbox: { emulatorUrl: string } | null;
	readonly #userGuilds = new Map<string, { guilds: RESTAPIPartialCurrentUserGuild[]; until: number }>();
	readonly #ciphers = new Map<string, TokenCipher>();

	private constructor(
		readonly options: DashboardOptions,
		private readonly client: Client,
		private readonly plugins: PluginManager,
		stores: { sessions: SessionStore; audit: AuditLog },
	) {
		this.sessions = stores.sessions;
		this.audit = stores.audit;
		this.access = new GuildAccessCache(client, options.permissionTtlMs ?? DEFAULT_PERMISSION_TTL_MS);
		this.logins = new LoginThrottle(options.loginAttempts?.max, options.loginAttempts?.windowMs);
		this.oauth = new DiscordOAuth({
			clientId: () => options.oauth.clientId ?? client.application?.id ?? client.user?.id ?? '',
			clientSecret: options.oauth.clientSecret,
			webUrl: options.oauth.webUrl,
			apiUrl: options.oauth.apiUrl,
		});
		this.owners = new Set(options.owners);
		this.secureCookies = options.publicUrl?.startsWith('https:') ?? false;
		this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
		this.sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
		this.sandbox = options.sandbox ?? null;
	}

	static async create(options: DashboardOptions, client: Client, plugins: PluginManager, db?: Database) {
		if (!db)
			return new Dashboard(options, client, plugins, {
				sessions: new MemorySessionStore(),
				audit: new MemoryAuditLog(),
			});
		await db.registerEntities('foyer-dashboard', [DashboardSession, DashboardAuditEntry]);
		const cipher = new TokenCipher(options.secret ?? options.oauth.clientSecret);
		return new Dashboard(options, client, plugins, {
			sessions: new DbSessionStore(db, cipher),
			audit: new DbAuditLog(db),
		});
	}

	/** The key sealing one kind of secret at rest (DASHBOARD_SECRET, or the client secret), derived per purpose. */
	cipherFor(purpose: string): TokenCipher {
		let cipher = this.#ciphers.get(purpose);
		if (!cipher) {
			cipher = new TokenCipher(this.options.secret ?? this.options.oauth.clientSecret, `foyer-sealed:${purpose}`);
			this.#ciphers.set(purpose, cipher);
		}
		return cipher;
	}

	get redirectUri(): string {
		return new URL('/oauth/callback', this.publicUrl).toString();
	}

	get publicUrl(): string {
		if (this.options.publicUrl) return this.options.publicUrl;
		const address = container.server.server.address() as AddressInfo;
		return `http://localhost:${address.port}`;
	}

	/** The guild's navigation: the core's pages, then each enabled plugin's entries. */
	navigationFor(guild: Guild, locale: string = DEFAULT_LOCALE): NavEntry[] {
		const base = `/guilds/${guild.id}`;
		const t = dashboardTexts(locale);
		const entries: NavEntry[] = [{ label: t('nav.overview'), href: base, key: 'overview' }];
		for (const info of this.plugins.list()) {
			if (info.status !== 'loaded' || !info.id) continue;
			const manifest = this.plugins.get(info.id);
			if (!manifest) continue;
			const texts = manifestTexts(manifest, locale);
			for (const nav of manifest.navigation ?? [])
				entries.push({
					label: texts.navigation(nav),
					href: `/${info.id}/${guild.id}${nav.path ? `/${nav.path}` : ''}`,
					key: `plugin:${info.id}:${nav.path}`,
				});
		}
		entries.push({ label: t('nav.audit'), href: `${base}/audit`, key: 'audit' });
		if (this.sandbox) entries.push({ label: t('nav.sandbox'), href: `${base}/sandbox`, key: 'sandbox' });
		return entries;
	}

	/** The user's guilds as Discord lists them for their token, cached for a minute. */
	async userGuilds(session: Session): Promise<RESTAPIPartialCurrentUserGuild[]> {
		const hit = this.#userGuilds.get(session.idHash);
		if (hit && hit.until > Date.now()) return hit.guilds;
		const guilds = await this.oauth.guilds(session.accessToken);
		this.#userGuilds.set(session.idHash, { guilds, until: Date.now() + 60_000 });
		return guilds;
	}

	botGuild(id: string): Guild | undefined {
		return this.client.guilds.cache.get(id);
	}

	record(entry: NewAuditEntry): Promise<void> {
		return this.audit.record(entry);
	}

	forgetSession(session: Session): void {
		this.#userGuilds.delete(session.idHash);
		this.access.forget(session.userId);
	}
}

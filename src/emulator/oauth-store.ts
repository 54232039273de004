import { randomBytes } from 'node:crypto';
import type { OAuthGrant } from './http/route.ts';

interface PendingCode {
	appId: string;
	userId: string;
	redirectUri: string;
	scopes: string[];
	expiresAt: number;
}

const CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TOKEN_TTL_S = 604_800;

/** Authorization codes, access tokens and refresh tokens of the emulated OAuth2 server. */
export class OAuthStore {
	readonly #codes = new Map<string, PendingCode>();
	readonly #tokens = new Map<string, OAuthGrant>();
	readonly #refresh = new Map<string, OAuthGrant>();

	issueCode(appId: string, userId: string, redirectUri: string, scopes: string[], now: number): string {
		const code = randomBytes(15).toString('base64url');
		this.#codes.set(code, { appId, userId, redirectUri, scopes, expiresAt: now + CODE_TTL_MS });
		return code;
	}

	/** Codes are single use, as on Discord. */
	redeemCode(code: string, now: number): PendingCode | null {
		const pending = this.#codes.get(code);
		this.#codes.delete(code);
		if (!pending || pending.expiresAt <= now) return null;
		return pending;
	}

	issueToken(
		appId: string,
		userId: string,
		scopes: string[],
		now: number,
	): { grant: OAuthGrant; refreshToken: string } {
		const grant: OAuthGrant = {
			accessToken: randomBytes(20).toString('base64url'),
			appId,
			userId,
			scopes,
			expiresAt: now + ACCESS_TOKEN_TTL_S * 1000,
		};
		const refreshToken = randomBytes(20).toString('base64url');
		this.#tokens.set(grant.accessToken, grant);
		this.#refresh.set(refreshToken, grant);
		return { grant, refreshToken };
	}

	refresh(refreshToken: string, appId: string, now: number): { grant: OAuthGrant; refreshToken: string } | null {
		const old = this.#refresh.get(refreshToken);
		if (!old || old.appId !== appId) return null;
		this.#refresh.delete(refreshToken);
		this.#tokens.delete(old.accessToken);
		return this.issueToken(old.appId, old.userId, old.scopes, now);
	}

	grant(accessToken: string, now: number): OAuthGrant | null {
		const grant = this.#tokens.get(accessToken);
		if (!grant || grant.expiresAt <= now) return null;
		return grant;
	}

	/** Revokes an access or refresh token and its pair. */
	revoke(token: string): boolean {
		const grant = this.#tokens.get(token) ?? this.#refresh.get(token);
		if (!grant) return false;
		this.#tokens.delete(grant.accessToken);
		for (const [refresh, g] of this.#refresh) if (g === grant) this.#refresh.delete(refresh);
		return true;
	}

	clear(): void {
		this.#codes.clear();
		this.#tokens.clear();
		this.#refresh.clear();
	}
}

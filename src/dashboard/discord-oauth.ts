import type { APIUser, RESTAPIPartialCurrentUserGuild, RESTPostOAuth2AccessTokenResult } from 'discord-api-types/v10';

export const DASHBOARD_SCOPES = ['identify', 'guilds'];

export class OAuthError extends Error {}

/**
 * Discord's OAuth2 authorization-code flow against a configurable base URL, so one code path logs
 * in against Discord or the emulator. (plugin-api's own OAuth2 route calls discord.com directly.)
 */
export class DiscordOAuth {
	constructor(
		private readonly options: { clientId: () => string; clientSecret: string; webUrl: string; apiUrl: string },
	) {}

	authorizeUrl(redirectUri: string, state: string): string {
		const url = new URL('/oauth2/authorize', this.options.webUrl);
		url.search = new URLSearchParams({
			client_id: this.options.clientId(),
			response_type: 'code',
			scope: DASHBOARD_SCOPES.join(' '),
			redirect_uri: redirectUri,
			state,
			prompt: 'none',
		}).toString();
		return url.toString();
	}

	/** The "add Foyer to this server" link. */
	inviteUrl(guildId: string, permissions: bigint): string {
		const url = new URL('/oauth2/authorize', this.options.webUrl);
		url.search = new URLSearchParams({
			client_id: this.options.clientId(),
			scope: 'bot applications.commands',
			permissions: permissions.toString(),
			guild_id: guildId,
			disable_guild_select: 'true',
		}).toString();
		return url.toString();
	}

	async exchange(code: string, redirectUri: string): Promise<RESTPostOAuth2AccessTokenResult> {
		return this.#form('/oauth2/token', {
			grant_type: 'authorization_code',
			code,
			redirect_uri: redirectUri,
		}) as Promise<RESTPostOAuth2AccessTokenResult>;
	}

	async revoke(token: string): Promise<void> {
		await this.#form('/oauth2/token/revoke', { token, token_type_hint: 'access_token' }).catch(() => undefined);
	}

	me(token: string): Promise<APIUser> {
		return this.#get('/users/@me', token) as Promise<APIUser>;
	}

	guilds(token: string): Promise<RESTAPIPartialCurrentUserGuild[]> {
		return this.#get('/users/@me/guilds', token) as Promise<RESTAPIPartialCurrentUserGuild[]>;
	}

	async #form(path: string, fields: Record<string, string>): Promise<unknown> {
		const response = await fetch(`${this.options.apiUrl}/v10${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				client_id: this.options.clientId(),
				client_secret: this.options.clientSecret,
				...fields,
			}),
			signal: AbortSignal.timeout(10_000),
		});
		const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
		if (!response.ok) throw new OAuthError(String(json.error_description ?? json.error ?? response.status));
		return json;
	}

	async #get(path: string, token: string): Promise<unknown> {
		const response = await fetch(`${this.options.apiUrl}/v10${path}`, {
			headers: { authorization: `Bearer ${token}` },
			signal: AbortSignal.timeout(10_000),
		});
		if (!response.ok) throw new OAuthError(`Discord answered ${response.status} to ${path}`);
		return response.json();
	}
}

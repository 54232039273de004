/** How the dashboard reaches Discord's OAuth2 (or the emulator's) and who may manage plugins. */
export interface DashboardOptions {
	/** The dashboard's public base URL (OAuth2 redirect and cookie security follow it); default: the HTTP server's own. */
	publicUrl?: string;
	oauth: {
		/** The application id; the logged-in application's when omitted. */
		clientId?: string;
		clientSecret: string;
		/** Where browsers authorize: https://discord.com (or the emulator's URL). */
		webUrl: string;
		/** Where the server exchanges codes: https://discord.com/api (or the emulator's apiUrl). */
		apiUrl: string;
	};
	/** Key for sealing stored OAuth2 tokens (DASHBOARD_SECRET); the client secret when omitted. */
	secret?: string;
	/** User ids allowed to load, unload and reload plugins for every guild. */
	owners: readonly string[];
	/** Set in sandbox mode: the emulator's base URL, for the sandbox panel (control API). */
	sandbox?: { emulatorUrl: string } | null;
	/** Session lifetime (default 7 days). */
	sessionTtlMs?: number;
	/** Largest accepted request body (default 64 KiB). */
	maxBodyBytes?: number;
	/** How long a user's permissions on a guild are trusted before being checked again (default 60 s). */
	permissionTtlMs?: number;
	/** Login requests (starts and OAuth2 callbacks) allowed per client address per window (default 20 per 5 min). */
	loginAttempts?: { max: number; windowMs: number };
}

export const DEFAULT_SESSION_TTL_MS = 7 * 86_400_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_PERMISSION_TTL_MS = 60_000;

/** Error thrown when a control call answers 4xx/5xx; carries the emulator's message. */
export class ControlError extends Error {
	constructor(
		readonly status: number,
		readonly body: { message?: string; code?: number } | null,
	) {
		super(`emulator control call failed (${status}): ${body?.message ?? 'no message'}`);
	}
}

// biome-ignore lint/suspicious/noExplicitAny: control answers are plain JSON documented in docs/emulator.md
type Json = any;

/**
 * A typed-enough client for the emulator's control API (`/_emulator`). Works against an emulator in
 * the same process or one started with `npm run emulator`: tests and plugin authors use the same calls.
 */
export class EmulatorControl {
	constructor(readonly baseUrl: string) {}

	async call(method: string, path: string, body?: unknown): Promise<Json> {
		const res = await fetch(`${this.baseUrl}/_emulator${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? null : JSON.stringify(body),
		});
		const text = await res.text();
		const json = text ? JSON.parse(text) : null;
		if (!res.ok) throw new ControlError(res.status, json);
		return json;
	}

	info(): Promise<Json> {
		return this.call('GET', '');
	}

	reset(): Promise<void> {
		return this.call('POST', '/reset');
	}

	setRateLimits(spec: {
		mode?: 'off' | 'realistic' | 'strict';
		global_limit?: number;
		/** The invalid-request limit enforced in strict mode (default 10,000 per 600,000 ms, ban 3,600,000 ms). */
		invalid_requests?: { limit?: number; window_ms?: number; ban_ms?: number };
		buckets?: Record<string, { limit: number; window_ms: number }>;
	}): Promise<Json> {
		return this.call('PUT', '/rate-limits', spec);
	}

	createUser(
		spec: {
			username?: string;
			global_name?: string;
			bot?: boolean;
			dms_open?: boolean;
			account_age_days?: number;
		} = {},
	): Promise<Json> {
		return this.call('POST', '/users', spec);
	}

	createGuild(spec: Record<string, unknown> = {}): Promise<Json> {
		return this.call('POST', '/guilds', spec);
	}

	guild(guildId: string): Promise<Json> {
		return this.call('GET', `/guilds/${guildId}`);
	}

	createInvite(
		guildId: string,
		spec: {
			inviter_id?: string;
			channel_id?: string;
			max_uses?: number;
			max_age?: number;
			temporary?: boolean;
			code?: string;
			role_ids?: string[];
			target_user_ids?: string[];
		} = {},
	): Promise<Json> {
		return this.call('POST', `/guilds/${guildId}/invites`, spec);
	}

	/** A user joins: an existing one (`user_id`) or a new one (`user`), through `invite_code`, `vanity` or nothing. */
	join(
		guildId: string,
		spec: {
			user_id?: string;
			user?: Record<string, unknown>;
			invite_code?: string;
			vanity?: boolean;
			duplicate?: boolean;
		} = {},
	): Promise<Json> {
		return this.call('POST', `/guilds/${guildId}/joins`, spec);
	}

	/** Guild settings an admin sets in Discord's client: screening, paused invites, incident actions (ISO or null). */
	setGuildSettings(
		guildId: string,
		spec: {
			screening?: boolean;
			invites_disabled?: boolean;
			invites_disabled_until?: string | null;
			dms_disabled_until?: string | null;
		},
	): Promise<Json> {
		return this.call('PATCH', `/guilds/${guildId}`, spec);
	}

	/** The member completes membership screening: `pending` flips to false (GUILD_MEMBER_UPDATE). */
	completeScreening(guildId: string, userId: string): Promise<Json> {
		return this.call('POST', `/guilds/${guildId}/members/${userId}/screening`, {});
	}

	/** The user goes offline: a temporary member without a role is removed. Answer `{ removed, member_count }`. */
	disconnect(guildId: string, userId: string): Promise<Json> {
		return this.call('POST', `/guilds/${guildId}/disconnects`, { user_id: userId });
	}

	/** Every join of the guild in order with the invite code or vanity it used (ground truth). */
	joins(guildId: string): Promise<{ user_id: string; joined_at: string; via: Json; rejoin: boolean }[]> {
		return this.call('GET', `/guilds/${guildId}/joins`);
	}

	/** Occasional Discord behaviours: the share (0-1) of joins whose GUILD_MEMBER_ADD is sent twice. */
	setQuirks(spec: { member_add_resend_share: number; seed?: number }): Promise<Json> {
		return this.call('PUT', '/quirks', spec);
	}

	leave(guildId: string, userId: string): Promise<Json> {
		return this.call('POST', `/guilds/${guildId}/leaves`, { user_id: userId });
	}

	/** A member as Discord's API shows it (roles, flags, pending, joined_at); 404 when not a member. */
	member(guildId: string, userId: string): Promise<Json> {
		return this.call('GET', `/guilds/${guildId}/members/${userId}`);
	}

	setMemberRoles(guildId: string, userId: string, roles: string[]): Promise<Json> {
		return this.call('PATCH', `/guilds/${guildId}/members/${userId}`, { roles });
	}

	/** Runs a slash command as a member and resolves with the bot's answer. */
	command(spec: {
		channel_id: string;
		user_id: string;
		command: string;
		options?: Record<string, string | number | boolean>;
		timeout_ms?: number;
		app_id?: string;
		/** The member's client language (default en-US). */
		locale?: string;
	}): Promise<Json> {
		return this.call('POST', '/interactions/commands', spec);
	}

	click(spec: {
		channel_id: string;
		message_id: string;
		user_id: string;
		custom_id: string;
		values?: string[];
		locale?: string;
		timeout_ms?: number;
	}): Promise<Json> {
		return this.call('POST', '/interactions/components', spec);
	}

	submitModal(spec: { interaction_id: string; values: Record<string, string>; timeout_ms?: number }): Promise<Json> {
		return this.call('POST', '/interactions/modals', spec);
	}

	react(channelId: string, messageId: string, userId: string, emoji: string): Promise<Json> {
		return this.call('POST', `/channels/${channelId}/messages/${messageId}/reactions`, { user_id: userId, emoji });
	}

	say(channelId: string, userId: string, content: string): Promise<Json> {
		return this.call('POST', `/channels/${channelId}/messages`, { user_id: userId, content });
	}

	messages(channelId: string, after?: string): Promise<Json[]> {
		return this.call('GET', `/channels/${channelId}/messages${after ? `?after=${after}` : ''}`);
	}

	/** Resolves with the next message in a channel after `after` (a message id); rejects after the timeout. */
	waitForMessage(
		channelId: string,
		opts: { after?: string; authorId?: string; timeoutMs?: number } = {},
	): Promise<Json> {
		const q = new URLSearchParams({ timeout_ms: String(opts.timeoutMs ?? 5000) });
		if (opts.after) q.set('after', opts.after);
		if (opts.authorId) q.set('author_id', opts.authorId);
		return this.call('GET', `/channels/${channelId}/messages/next?${q}`);
	}

	dms(userId: string): Promise<Json[]> {
		return this.call('GET', `/users/${userId}/dms`);
	}

	requests(filter: { since?: number; route?: string; method?: string; status?: number } = {}): Promise<Json> {
		const q = new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]));
		return this.call('GET', `/requests?${q}`);
	}

	dropGateway(spec: { app_id?: string } = {}): Promise<Json> {
		return this.call('POST', '/gateway/drop', spec);
	}

	reconnectGateway(spec: { app_id?: string } = {}): Promise<Json> {
		return this.call('POST', '/gateway/reconnect', spec);
	}

	advanceClock(ms: number): Promise<Json> {
		return this.call('POST', '/clock/advance', { ms });
	}
}

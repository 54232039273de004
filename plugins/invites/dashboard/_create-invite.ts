import { DiscordAPIError, type Guild, Routes } from 'discord.js';
import type { Translate } from 'foyer';
import type { InviteRequest } from './_invite-input.ts';

export type CreatedInvite = { ok: true; code: string } | { ok: false; problem: string };

/**
 * Creates an invite through Discord's REST API (discord.js's queue, so its rate limits apply).
 * `unique` so that Discord never hands back an existing invite instead; role-granting invites send
 * `role_ids`; invites limited to listed users send them as the `target_users_file` CSV Discord takes
 * (January 2026). The invite is then tracked like any other: its INVITE_CREATE reaches the engine.
 */
export async function createInvite(
	guild: Guild,
	request: InviteRequest,
	reason: string,
	t: Translate,
): Promise<CreatedInvite> {
	const body = {
		max_age: request.maxAgeSeconds,
		max_uses: request.maxUses,
		unique: true,
		...(request.roleIds.length ? { role_ids: request.roleIds } : {}),
	};
	const csv = `user_id\n${request.targetUserIds.join('\n')}\n`;
	try {
		const invite = (await guild.client.rest.post(Routes.channelInvites(request.channelId), {
			body,
			reason,
			...(request.targetUserIds.length
				? {
						files: [
							{ key: 'target_users_file', name: 'target_users.csv', data: Buffer.from(csv), contentType: 'text/csv' },
						],
					}
				: {}),
		})) as { code: string };
		return { ok: true, code: invite.code };
	} catch (error) {
		if (error instanceof DiscordAPIError)
			return { ok: false, problem: t('codes.refused', { status: error.status, message: error.message }) };
		throw error;
	}
}

import { Errors, fieldError } from '../errors.ts';
import type { PendingInteraction } from '../interactions.ts';
import { parseMentions, resolvePings } from '../world/mentions.ts';
import type { EmMessage } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { withComponentIds } from './component-ids.ts';
import { checkComponents } from './message-components.ts';
import { checkComponentsV2Exclusive, IS_COMPONENTS_V2 } from './message-input.ts';

export const EPHEMERAL = 64;
export const LOADING = 128;

interface MessageBody {
	content?: string;
	embeds?: EmMessage['embeds'];
	components?: EmMessage['components'];
	flags?: number;
	allowed_mentions?: unknown;
	__files?: unknown[];
}

/** Validates the message part of an interaction response or webhook call. */
export function readMessageBody(body: unknown, { allowEmpty = false } = {}): MessageBody {
	const b = (body ?? {}) as MessageBody;
	if (b.content !== undefined && b.content !== null && typeof b.content !== 'string')
		throw fieldError('content', 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
	if ((b.content?.length ?? 0) > 2000)
		throw fieldError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
	if (b.embeds && (!Array.isArray(b.embeds) || b.embeds.length > 10))
		throw fieldError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
	const v2 = ((b.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
	if (b.components !== undefined && b.components !== null) checkComponents(b.components, v2);
	if (v2) checkComponentsV2Exclusive({ content: b.content ?? null, embeds: b.embeds ?? null });
	const empty = !b.content && !b.embeds?.length && !b.components?.length && !b.__files?.length;
	if (empty && !allowEmpty) throw Errors.emptyMessage();
	return b;
}

/** A message authored by the application's bot on behalf of an interaction (webhook-style). */
export function interactionMessage(
	world: World,
	pending: PendingInteraction,
	body: MessageBody,
	extraFlags = 0,
): EmMessage {
	const channel = world.channel(pending.channelId);
	const guild = channel.guildId ? world.guild(channel.guildId) : null;
	const content = body.content ?? '';
	const written = parseMentions(content);
	return world.newMessage({
		channelId: channel.id,
		authorId: pending.appId,
		type: pending.type === 2 ? 20 : 0,
		content,
		embeds: body.embeds ?? [],
		components: withComponentIds(body.components ?? []),
		flags: ((body.flags ?? 0) & (EPHEMERAL | 4 | 4096 | 32768)) | extraFlags,
		pings: resolvePings(content, body.allowed_mentions as never, { guild, channel, authorId: pending.appId }),
		mentionedUsers: written.users.filter((id) => world.users.has(id)),
		mentionedRoles: written.roles.filter((id) => guild?.roles.has(id)),
		allowedMentions: body.allowed_mentions ?? null,
		webhookId: pending.appId,
		applicationId: pending.appId,
		interaction: { id: pending.id, type: pending.type, userId: pending.userId },
	});
}

/** Applies an edit to a message the interaction owns (reply, deferral, or the component's message). */
export function applyEdit(world: World, message: EmMessage, body: MessageBody): void {
	const guild = message.guildId ? world.guild(message.guildId) : null;
	if (body.content !== undefined) {
		message.content = body.content ?? '';
		const written = parseMentions(message.content);
		message.mentionedUsers = written.users.filter((id) => world.users.has(id));
		message.mentionedRoles = written.roles.filter((id) => guild?.roles.has(id));
		message.pings = resolvePings(message.content, body.allowed_mentions as never, {
			guild,
			channel: world.channel(message.channelId),
			authorId: message.authorId,
		});
		message.allowedMentions = body.allowed_mentions ?? null;
	}
	if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
	if (body.components !== undefined) message.components = withComponentIds(body.components ?? []);
	message.flags &= ~LOADING;
	message.editedAt = world.now();
}

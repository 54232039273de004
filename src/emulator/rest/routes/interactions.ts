import { GatewayDispatchEvents as E, InteractionResponseType as R } from 'discord-api-types/v10';
import { ApiError, Errors, fieldError } from '../../errors.ts';
import { bind, Reply, type RestRoute, type RouteContext } from '../../http/route.ts';
import type { InteractionRegistry, PendingInteraction } from '../../interactions.ts';
import { messagePayload } from '../../world/serialize.ts';
import type { EmMessage } from '../../world/types.ts';
import { queryFlag } from '../input.ts';
import { applyEdit, EPHEMERAL, interactionMessage, LOADING, readMessageBody } from '../interaction-message.ts';
import { readModal } from '../modal-input.ts';

function storeAndSet(ctx: RouteContext, pending: PendingInteraction, message: EmMessage): EmMessage {
	ctx.world.storeMessage(message);
	pending.originalMessageId = message.id;
	return message;
}

function callback(ctx: RouteContext, interactions: InteractionRegistry): unknown {
	const pending = interactions.forCallback(ctx.params.interaction_id as string, ctx.params.interaction_token as string);
	const body = (ctx.body ?? {}) as { type?: number; data?: Record<string, unknown> };
	const world = ctx.world;
	let message: EmMessage | null = null;
	switch (body.type) {
		case R.ChannelMessageWithSource:
			message = storeAndSet(ctx, pending, interactionMessage(world, pending, readMessageBody(body.data)));
			break;
		case R.DeferredChannelMessageWithSource:
			message = storeAndSet(
				ctx,
				pending,
				interactionMessage(world, pending, readMessageBody(body.data, { allowEmpty: true }), LOADING),
			);
			break;
		case R.DeferredMessageUpdate:
		case R.UpdateMessage: {
			if (!pending.sourceMessageId) throw new ApiError(400, 40043, 'This interaction type cannot be updated');
			message = world.message(pending.channelId, pending.sourceMessageId);
			if (body.type === R.UpdateMessage) {
				applyEdit(world, message, readMessageBody(body.data, { allowEmpty: true }));
				world.dispatchMessage(E.MessageUpdate, message);
			}
			break;
		}
		case R.ApplicationCommandAutocompleteResult:
			if (pending.type !== 4) throw new ApiError(400, 50035, 'Invalid interaction response type for this interaction');
			pending.choices = (body.data?.choices as unknown[]) ?? [];
			break;
		case R.Modal: {
			const data = readModal(body.data);
			if (pending.type === 5) throw new ApiError(400, 50035, 'A modal submit cannot open another modal');
			pending.modal = data;
			break;
		}
		default:
			throw fieldError('type', 'BASE_TYPE_CHOICES', 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.');
	}
	pending.callbackType = body.type;
	if (body.type !== R.DeferredChannelMessageWithSource) interactions.settle(pending);
	else interactions.touch(pending);
	if (ctx.query.get('with_response') !== 'true') return Reply.noContent();
	// The callback resource carries the message only for replies (4) and updates (7), as documented.
	const withMessage = message !== null && (body.type === R.ChannelMessageWithSource || body.type === R.UpdateMessage);
	return {
		interaction: {
			id: pending.id,
			type: pending.type,
			activity_instance_id: null,
			...(message
				? {
						response_message_id: message.id,
						response_message_loading: (message.flags & LOADING) !== 0,
						response_message_ephemeral: (message.flags & EPHEMERAL) !== 0,
					}
				: {}),
		},
		...(withMessage && message ? { resource: { type: body.type, message: messagePayload(message, world) } } : {}),
	};
}

/** The message a webhook route names: `@original` or a follow-up id. */
function target(ctx: RouteContext, pending: PendingInteraction): EmMessage {
	const id =
		ctx.params.message_id === '@original'
			? (pending.originalMessageId ?? pending.sourceMessageId)
			: ctx.params.message_id;
	if (!id || (ctx.params.message_id !== '@original' && !pending.followupIds.includes(id)))
		throw Errors.unknownMessage();
	return ctx.world.message(pending.channelId, id);
}

function webhookInteraction(ctx: RouteContext, interactions: InteractionRegistry): PendingInteraction {
	const pending = interactions.forWebhook(ctx.params.application_id as string, ctx.params.webhook_token as string);
	if (pending.callbackType === null) throw Errors.unknownWebhook();
	return pending;
}

function getMessage(ctx: RouteContext, interactions: InteractionRegistry): unknown {
	return messagePayload(target(ctx, webhookInteraction(ctx, interactions)), ctx.world);
}

function editMessage(ctx: RouteContext, interactions: InteractionRegistry): unknown {
	const pending = webhookInteraction(ctx, interactions);
	const message = target(ctx, pending);
	applyEdit(ctx.world, message, readMessageBody(ctx.body, { allowEmpty: true }));
	ctx.world.dispatchMessage(E.MessageUpdate, message);
	if (ctx.params.message_id === '@original') interactions.settle(pending);
	else interactions.touch(pending);
	return messagePayload(message, ctx.world);
}

function deleteMessage(ctx: RouteContext, interactions: InteractionRegistry): unknown {
	const pending = webhookInteraction(ctx, interactions);
	const message = target(ctx, pending);
	ctx.world.deleteMessage(message.channelId, message.id);
	return undefined;
}

function followUp(ctx: RouteContext, interactions: InteractionRegistry): unknown {
	const pending = webhookInteraction(ctx, interactions);
	const body = readMessageBody(ctx.body);
	const original = pending.originalMessageId
		? ctx.world.channel(pending.channelId).messages.get(pending.originalMessageId)
		: undefined;
	// After a deferral, Discord turns the first follow-up into the deferred reply itself.
	if (original && original.flags & LOADING) {
		applyEdit(ctx.world, original, body);
		ctx.world.dispatchMessage(E.MessageUpdate, original);
		interactions.settle(pending);
		return queryFlag(ctx.query, 'wait') ? messagePayload(original, ctx.world) : Reply.noContent();
	}
	const message = interactionMessage(ctx.world, pending, body);
	message.type = 0;
	ctx.world.storeMessage(message);
	pending.followupIds.push(message.id);
	interactions.touch(pending);
	// Execute Webhook answers the message only with `wait=true` (discord.js sets it), else 204.
	return queryFlag(ctx.query, 'wait') ? messagePayload(message, ctx.world) : Reply.noContent();
}

export function interactionRoutes(interactions: InteractionRegistry): RestRoute[] {
	const W = '/webhooks/:application_id/:webhook_token';
	return [
		{
			method: 'POST',
			path: '/interactions/:interaction_id/:interaction_token/callback',
			auth: 'none',
			exemptGlobal: true,
			handler: bind(interactions, callback),
		},
		{ method: 'POST', path: W, auth: 'none', exemptGlobal: true, handler: bind(interactions, followUp) },
		{
			method: 'GET',
			path: `${W}/messages/:message_id`,
			auth: 'none',
			exemptGlobal: true,
			handler: bind(interactions, getMessage),
		},
		{
			method: 'PATCH',
			path: `${W}/messages/:message_id`,
			auth: 'none',
			exemptGlobal: true,
			handler: bind(interactions, editMessage),
		},
		{
			method: 'DELETE',
			path: `${W}/messages/:message_id`,
			auth: 'none',
			exemptGlobal: true,
			handler: bind(interactions, deleteMessage),
		},
	];
}

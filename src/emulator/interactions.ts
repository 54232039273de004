import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents as E, InteractionResponseType as R } from 'discord-api-types/v10';
import { ApiError, Errors } from './errors.ts';
import type { DispatchData, World } from './world/world.ts';

export interface PendingInteraction {
	id: string;
	token: string;
	appId: string;
	type: number;
	guildId: string | null;
	channelId: string;
	userId: string;
	createdAt: number;
	/** The callback type the bot answered with; null until it answers. */
	callbackType: number | null;
	/** The message created by a reply or a deferral (`@original`). */
	originalMessageId: string | null;
	/** For component interactions: the message the component is on. */
	sourceMessageId: string | null;
	modal: Record<string, unknown> | null;
	choices: unknown[] | null;
	followupIds: string[];
	/** Set once the bot's answer is final: a reply, an update, a modal, choices, or an edit after deferring. */
	settled: boolean;
	waiters: (() => void)[];
}

/** Interaction tokens are valid for 15 minutes, as on Discord. */
const TOKEN_TTL_MS = 15 * 60_000;

/** Interactions the emulator created, their tokens, and the bot's answers to them. */
export class InteractionRegistry {
	readonly #byId = new Map<string, PendingInteraction>();
	readonly #byToken = new Map<string, PendingInteraction>();

	constructor(
		readonly world: World,
		/** How long a bot has to call back before the interaction is unknown (Discord: 3 s). */
		readonly callbackTimeoutMs: number,
	) {}

	/** Registers an interaction and dispatches INTERACTION_CREATE to its application. */
	create(
		spec: {
			appId: string;
			type: number;
			guildId: string | null;
			channelId: string;
			userId: string;
			sourceMessageId?: string | null;
		},
		payload: (ids: { id: string; token: string }) => Record<string, unknown>,
	): PendingInteraction {
		const world = this.world;
		const id = world.newId();
		const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('hex')}`).toString('base64url');
		const pending: PendingInteraction = {
			id,
			token,
			appId: spec.appId,
			type: spec.type,
			guildId: spec.guildId,
			channelId: spec.channelId,
			userId: spec.userId,
			createdAt: world.now(),
			callbackType: null,
			originalMessageId: null,
			sourceMessageId: spec.sourceMessageId ?? null,
			modal: null,
			choices: null,
			followupIds: [],
			settled: false,
			waiters: [],
		};
		this.#byId.set(id, pending);
		this.#byToken.set(token, pending);
		world.dispatch({
			t: E.InteractionCreate,
			// Built by the control routes from payloads typed one by one (member, channel, data).
			d: payload({ id, token }) as unknown as DispatchData<E.InteractionCreate>,
			intent: null,
			guildId: spec.guildId,
			appId: spec.appId,
		});
		return pending;
	}

	get(id: string): PendingInteraction | undefined {
		return this.#byId.get(id);
	}

	/** The interaction of a callback (`/interactions/:id/:token/callback`), checked like Discord does. */
	forCallback(id: string, token: string): PendingInteraction {
		const pending = this.#byId.get(id);
		if (!pending || pending.token !== token) throw Errors.unknownInteraction();
		if (pending.callbackType !== null) throw Errors.alreadyAcknowledged();
		if (this.world.now() - pending.createdAt > this.callbackTimeoutMs) throw Errors.unknownInteraction();
		return pending;
	}

	/** The interaction of a webhook route (`/webhooks/:app/:token/...`). */
	forWebhook(appId: string, token: string): PendingInteraction {
		const pending = this.#byToken.get(token);
		if (!pending || pending.appId !== appId || this.world.now() - pending.createdAt > TOKEN_TTL_MS)
			throw Errors.unknownWebhook();
		return pending;
	}

	/** Marks the bot's answer as final and wakes whoever waits for it. */
	settle(pending: PendingInteraction): void {
		pending.settled = true;
		for (const wake of pending.waiters.splice(0)) wake();
	}

	/** Wakes waiters on any change (follow-ups), without settling. */
	touch(pending: PendingInteraction): void {
		for (const wake of pending.waiters.splice(0)) wake();
	}

	/** Resolves when the interaction is settled; rejects with a 504 ApiError after `timeoutMs`. */
	async waitSettled(pending: PendingInteraction, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!pending.settled) {
			const left = deadline - Date.now();
			if (left <= 0) {
				const what =
					pending.callbackType === R.DeferredChannelMessageWithSource
						? 'deferred but never edited its reply'
						: 'did not answer';
				throw new ApiError(504, 0, `The bot ${what} within ${timeoutMs} ms (interaction ${pending.id})`);
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				pending.waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	clear(): void {
		for (const pending of this.#byId.values()) for (const wake of pending.waiters.splice(0)) wake();
		this.#byId.clear();
		this.#byToken.clear();
	}
}

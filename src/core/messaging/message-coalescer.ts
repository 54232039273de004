import type { Guild, SendableChannels } from 'discord.js';
import type { Logger } from 'pino';
import { effectNonce } from '../effects/effect-nonce.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import { ChannelBudget } from './channel-budget.ts';
import { renderCombined } from './combined-message.ts';
import { renderEmbed } from './embed-template.ts';
import { registerMemberListPlaceholders } from './member-list-placeholders.ts';
import type { MemberMessageResult, QueuedMemberMessage } from './member-message.ts';

/** What a message still waiting when the coalescer stops gets: it was not sent, and stays to do. */
export const NOT_SENT = Symbol('not sent: Foyer stopped first');
export type CoalescedResult = MemberMessageResult | null | typeof NOT_SENT;

type Settle = (result: CoalescedResult) => void;

/**
 * A member message with the idempotency key of its effect, if recorded (the nonce of its send), and
 * the nonce of the combined message it was part of when Foyer stopped before marking it sent.
 */
type Keyed = QueuedMemberMessage & { effectKey?: string | null; groupNonce?: string | null };

interface Pending {
	latest: Keyed;
	members: Keyed[];
	settle: Settle[];
	/** A combined message being sent again after a restart: the same members, the same nonce. */
	nonce?: string;
}

interface ChannelQueue {
	channel: SendableChannels;
	budget: ChannelBudget;
	/** Pending members per plugin. */
	groups: Map<string, Pending>;
	/** While a raid lasts the channel stays combined: one message per plugin per window. */
	coalescing: boolean;
	timer: NodeJS.Timeout | null;
}

export interface CoalescerOptions {
	/** The guilds as discord.js caches them (the messages are data and name only their guild). */
	guildOf: (guildId: string) => Guild | undefined;
	/**
	 * Called before a combined message of recorded effects is sent, with their keys and its nonce: the
	 * outbox notes the group, so that after a crash the same members are sent again as the same
	 * message with the same nonce (which Discord then answers with the first one).
	 */
	beforeCombined?: (keys: string[], nonce: string) => Promise<void>;
	/** The channel budget Foyer stays inside (default: Discord's observed 5 messages per 5 s). */
	limit?: number;
	windowMs?: number;
	now?: () => number;
}

/**
 * A send of recorded effects carries a nonce derived from their keys, with enforce_nonce: resent
 * after a crash within Discord's nonce window, it returns the first message rather than posting a
 * second. (A combined message regrouped differently after a restart has another nonce.)
 */
function nonceOf(keys: string[]): { nonce: string; enforceNonce: true } | Record<string, never> {
	return keys.length ? { nonce: effectNonce([...keys].sort().join('|')), enforceNonce: true } : {};
}

/**
 * Welcome and goodbye messages per channel. While the channel's budget has room each member gets
 * their own message at once; when members arrive faster, they are held and sent as ONE combined
 * message per plugin per window ("Welcome @a, @b and 12 others!"), so a raid costs a handful of
 * REST calls instead of one per member and never queues minutes of welcomes behind Discord's limit.
 */
export class MessageCoalescer {
	readonly #queues = new Map<string, ChannelQueue>();
	readonly #unregister: () => void;
	readonly #now: () => number;
	#stopped = false;

	constructor(
		private readonly templates: TemplateEngine,
		private readonly log: Logger,
		private readonly options: CoalescerOptions,
	) {
		this.#unregister = registerMemberListPlaceholders(templates);
		this.#now = options.now ?? Date.now;
	}

	/**
	 * Resolves once the member's message (alone or combined) is sent; null when there is nowhere to
	 * send it, NOT_SENT when Foyer stopped before it could be.
	 */
	post(message: Keyed): Promise<CoalescedResult> {
		if (this.#stopped) return Promise.resolve(NOT_SENT);
		const guild = this.options.guildOf(message.guildId);
		const channel = guild ? this.#channelOf(guild, message.channelId) : null;
		if (!channel) {
			this.log.warn(
				{ plugin: message.plugin, guild: message.guildId, channel: message.channelId },
				'No channel to send to',
			);
			return Promise.resolve(null);
		}
		const queue = this.#queue(channel);
		const now = this.#now();
		if (message.groupNonce) return this.#rejoin(queue, message, message.groupNonce, now);
		if (!queue.coalescing && queue.budget.hasRoom(now)) {
			queue.budget.take(now);
			return this.#sendOne(queue, message);
		}
		return new Promise((settle) => {
			const group = queue.groups.get(message.plugin);
			if (group) {
				group.latest = message;
				group.members.push(message);
				group.settle.push(settle);
			} else queue.groups.set(message.plugin, { latest: message, members: [message], settle: [settle] });
			if (!queue.coalescing) {
				queue.coalescing = true;
				this.#schedule(queue, queue.budget.nextFreeAt(now) - now);
			}
		});
	}

	/** A member of a combined message that was on its way when Foyer stopped: queued with the same group. */
	#rejoin(queue: ChannelQueue, message: Keyed, nonce: string, now: number): Promise<CoalescedResult> {
		return new Promise((settle) => {
			const slot = `${message.plugin}#${nonce}`;
			const group = queue.groups.get(slot);
			if (group) {
				group.members.push(message);
				group.settle.push(settle);
			} else queue.groups.set(slot, { latest: message, members: [message], settle: [settle], nonce });
			if (!queue.timer) {
				queue.coalescing = true;
				this.#schedule(queue, queue.budget.nextFreeAt(now) - now);
			}
		});
	}

	/** Members waiting for the next window. */
	get waiting(): number {
		let n = 0;
		for (const queue of this.#queues.values()) for (const group of queue.groups.values()) n += group.members.length;
		return n;
	}

	/** Cancels the timers; members still waiting get NOT_SENT (their recorded effects stay to do at the next start). */
	stop(): void {
		this.#stopped = true;
		for (const queue of this.#queues.values()) {
			if (queue.timer) clearTimeout(queue.timer);
			for (const group of queue.groups.values()) for (const settle of group.settle) settle(NOT_SENT);
		}
		this.#queues.clear();
		this.#unregister();
	}

	#flush(queue: ChannelQueue): void {
		queue.timer = null;
		const now = this.#now();
		if (queue.groups.size === 0) {
			// A whole window passed without a backlog: the raid is over, back to one message per member.
			queue.coalescing = false;
			if (queue.budget.idle(now)) this.#queues.delete(queue.channel.id);
			return;
		}
		for (const [plugin, group] of queue.groups) {
			if (!queue.budget.hasRoom(now)) break;
			queue.budget.take(now);
			queue.groups.delete(plugin);
			void this.#sendGroup(queue, group);
		}
		const windowMs = this.options.windowMs ?? 5_000;
		this.#schedule(queue, Math.max(windowMs, queue.budget.nextFreeAt(now) - now));
	}

	async #sendGroup(queue: ChannelQueue, group: Pending): Promise<void> {
		try {
			const result =
				group.members.length === 1 && !group.nonce
					? await this.#sendOne(queue, group.members[0] as Keyed)
					: await this.#sendCombined(queue, group);
			for (const settle of group.settle) settle(result);
		} catch (error) {
			// One failed combined message is one log line, not one error per member it was about.
			this.log.error(
				{ plugin: group.latest.plugin, channel: queue.channel.id, members: group.members.length, err: error },
				'Could not send a combined member message',
			);
			for (const settle of group.settle) settle(null);
		}
	}

	async #sendOne(queue: ChannelQueue, message: Keyed): Promise<MemberMessageResult> {
		const ctx = message.ctx;
		const rendered = this.templates.render(message.template, ctx);
		const embed =
			message.embed &&
			renderEmbed(message.embed, (text) => this.templates.render(text, ctx).content, ctx.member.avatarUrl ?? null);
		const sent = await queue.channel.send({
			content: rendered.content,
			allowedMentions: rendered.allowedMentions,
			...(embed ? { embeds: [embed] } : {}),
			...nonceOf(message.effectKey ? [message.effectKey] : []),
		});
		return { message: sent, members: 1, combined: false };
	}

	async #sendCombined(queue: ChannelQueue, group: Pending): Promise<MemberMessageResult> {
		const { latest, members } = group;
		const listed = members.map((m) => ({ id: m.ctx.member.id, name: m.name }));
		const { rendered, ctx } = renderCombined(this.templates, latest.combinedTemplate, latest.ctx, listed);
		const embed = latest.embed && renderEmbed(latest.embed, (text) => this.templates.render(text, ctx).content, null);
		const keys = members.flatMap((m) => (m.effectKey ? [m.effectKey] : []));
		const nonce = group.nonce ?? (keys.length === members.length ? effectNonce([...keys].sort().join('|')) : null);
		if (nonce && !group.nonce && this.options.beforeCombined)
			await this.options
				.beforeCombined(keys, nonce)
				.catch((error: unknown) =>
					this.log.warn({ err: error, members: keys.length }, 'Could not note a combined message before sending it'),
				);
		const sent = await queue.channel.send({
			content: rendered.content,
			allowedMentions: rendered.allowedMentions,
			...(embed ? { embeds: [embed] } : {}),
			...(nonce ? { nonce, enforceNonce: true as const } : {}),
		});
		return { message: sent, members: members.length, combined: true };
	}

	#schedule(queue: ChannelQueue, delayMs: number): void {
		queue.timer = setTimeout(() => this.#flush(queue), Math.max(0, delayMs));
	}

	#queue(channel: SendableChannels): ChannelQueue {
		let queue = this.#queues.get(channel.id);
		if (!queue) {
			// Channels that went quiet are forgotten, so a bot in many guilds keeps a small map.
			if (this.#queues.size > 1_000) this.#prune();
			const budget = new ChannelBudget(this.options.limit, this.options.windowMs);
			queue = { channel, budget, groups: new Map(), coalescing: false, timer: null };
			this.#queues.set(channel.id, queue);
		}
		return queue;
	}

	#prune(): void {
		const now = this.#now();
		for (const [id, q] of this.#queues) if (!q.coalescing && q.budget.idle(now)) this.#queues.delete(id);
	}

	#channelOf(guild: Guild, channelId: string | null): SendableChannels | null {
		const channel = channelId ? guild.channels.cache.get(channelId) : guild.systemChannel;
		return channel?.isSendable() ? channel : null;
	}
}

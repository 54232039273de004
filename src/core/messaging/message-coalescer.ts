import type { Guild, SendableChannels } from 'discord.js';
import type { Logger } from 'pino';
import { templateContextOf } from '../templates/member-context.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import { ChannelBudget } from './channel-budget.ts';
import { renderCombined } from './combined-message.ts';
import { registerMemberListPlaceholders } from './member-list-placeholders.ts';
import type { AnyMember, MemberMessage, MemberMessageResult } from './member-message.ts';

type Settle = (result: MemberMessageResult | null) => void;

interface Pending {
	latest: MemberMessage;
	members: AnyMember[];
	settle: Settle[];
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
	/** The channel budget Foyer stays inside (default: Discord's observed 5 messages per 5 s). */
	limit?: number;
	windowMs?: number;
	now?: () => number;
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
		private readonly options: CoalescerOptions = {},
	) {
		this.#unregister = registerMemberListPlaceholders(templates);
		this.#now = options.now ?? Date.now;
	}

	/** Resolves once the member's message (alone or combined) is sent; null when there is nowhere to send it. */
	post(message: MemberMessage): Promise<MemberMessageResult | null> {
		const channel = this.#channelOf(message.member.guild, message.channelId);
		if (!channel || this.#stopped) {
			if (!channel)
				this.log.warn(
					{ plugin: message.plugin, guild: message.member.guild.id, channel: message.channelId },
					'No channel to send to',
				);
			return Promise.resolve(null);
		}
		const queue = this.#queue(channel);
		const now = this.#now();
		if (!queue.coalescing && queue.budget.hasRoom(now)) {
			queue.budget.take(now);
			return this.#sendOne(queue, message);
		}
		return new Promise((settle) => {
			const group = queue.groups.get(message.plugin);
			if (group) {
				group.latest = message;
				group.members.push(message.member);
				group.settle.push(settle);
			} else queue.groups.set(message.plugin, { latest: message, members: [message.member], settle: [settle] });
			if (!queue.coalescing) {
				queue.coalescing = true;
				this.#schedule(queue, queue.budget.nextFreeAt(now) - now);
			}
		});
	}

	/** Cancels the timers; members still waiting get null (nothing is sent after the bot stopped). */
	stop(): void {
		this.#stopped = true;
		for (const queue of this.#queues.values()) {
			if (queue.timer) clearTimeout(queue.timer);
			for (const group of queue.groups.values()) for (const settle of group.settle) settle(null);
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
				group.members.length === 1
					? await this.#sendOne(queue, { ...group.latest, member: group.members[0] as AnyMember })
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

	async #sendOne(queue: ChannelQueue, message: MemberMessage): Promise<MemberMessageResult> {
		const ctx = { ...templateContextOf(message.member), ...message.context };
		const rendered = this.templates.render(message.template, ctx);
		const embed = message.embed?.({
			render: (text) => this.templates.render(text, ctx).content,
			avatarUrl: ctx.member.avatarUrl ?? null,
		});
		const sent = await queue.channel.send({
			content: rendered.content,
			allowedMentions: rendered.allowedMentions,
			...(embed ? { embeds: [embed] } : {}),
		});
		return { message: sent, members: 1, combined: false };
	}

	async #sendCombined(queue: ChannelQueue, group: Pending): Promise<MemberMessageResult> {
		const { latest, members } = group;
		const listed = members.map((m) => ({ id: m.id, name: m.displayName || m.user?.username || 'unknown' }));
		const { rendered, ctx } = renderCombined(
			this.templates,
			latest.combinedTemplate,
			templateContextOf(latest.member),
			listed,
		);
		const embed = latest.embed?.({ render: (text) => this.templates.render(text, ctx).content, avatarUrl: null });
		const sent = await queue.channel.send({
			content: rendered.content,
			allowedMentions: rendered.allowedMentions,
			...(embed ? { embeds: [embed] } : {}),
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

import { type Client, DiscordAPIError, Events, type TextChannel } from 'discord.js';
import { expect } from 'vitest';
import type { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import type { EmMessage, EmOverwrite } from '../../src/emulator/world/types.ts';

/** Resolves with the arguments of the next `event` that passes `filter`, or rejects after `ms`. */
export function nextArgs<T extends unknown[]>(
	client: Client,
	event: string,
	filter: (...args: never[]) => boolean = () => true,
	ms = 3000,
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			client.off(event as never, handler);
			reject(new Error(`no ${event} within ${ms} ms`));
		}, ms);
		const handler = (...args: unknown[]) => {
			if (!filter(...(args as never[]))) return;
			clearTimeout(timer);
			client.off(event as never, handler);
			resolve(args as unknown as T);
		};
		client.on(event as never, handler);
	});
}

/** Resolves with the first argument of the next `event` that passes `filter`, or rejects after `ms`. */
export async function next<T>(
	client: Client,
	event: string,
	filter: (...args: never[]) => boolean = () => true,
	ms = 3000,
): Promise<T> {
	const [first] = await nextArgs<[T]>(client, event, filter, ms);
	return first;
}

/** The DiscordAPIError a discord.js call rejects with; fails the test if it resolves or fails otherwise. */
export async function apiError(call: Promise<unknown>): Promise<DiscordAPIError> {
	const error = await call.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(DiscordAPIError);
	return error as DiscordAPIError;
}

/** The `_errors` codes of a 50035 body at a dotted path such as `embeds.0.title`. */
export function formErrorCodes(error: DiscordAPIError, path: string): string[] {
	let node = (error.rawError as { errors?: Record<string, unknown> }).errors;
	for (const part of path ? path.split('.') : []) node = node?.[part] as Record<string, unknown> | undefined;
	return ((node?._errors as { code: string }[] | undefined) ?? []).map((e) => e.code);
}

/** The demo world with a logged-in discord.js client, and shortcuts tests keep needing. */
export class Scene {
	private constructor(
		readonly emulator: Emulator,
		readonly client: Client<true>,
	) {}

	static async start(emulator: Emulator): Promise<Scene> {
		return new Scene(emulator, await connectClient(emulator));
	}

	get world() {
		return this.emulator.world;
	}

	get demo() {
		const demo = this.emulator.demo;
		if (!demo) throw new Error('the emulator was started without demo: true');
		return demo;
	}

	get botId(): string {
		return this.emulator.defaultApp.botUserId;
	}

	/** The bot's managed role in the demo guild. */
	get botRoleId(): string {
		const role = [...this.demo.guild.roles.values()].find((r) => r.managed && r.botId === this.botId);
		if (!role) throw new Error('the bot has no managed role');
		return role.id;
	}

	/** A new text channel in the demo guild, created in the world and seen by the client. */
	async channel(name: string, overwrites: EmOverwrite[] = []): Promise<TextChannel> {
		const created = next(this.client, Events.ChannelCreate, (c: { name: string }) => c.name === name);
		this.world.createChannel(this.demo.guild.id, { name, overwrites }, null);
		return (await created) as TextChannel;
	}

	/** An overwrite on the bot's role: `deny` these permissions (and `allow` those). */
	botRoleOverwrite(deny: bigint, allow = 0n): EmOverwrite {
		return { id: this.botRoleId, type: 0, allow, deny };
	}

	/** Stores a message written by a user (as if sent from a Discord client) and waits until the bot sees it. */
	async userMessage(channelId: string, authorId: string, content: string): Promise<EmMessage> {
		const seen = next(this.client, Events.MessageCreate, (m: { content: string }) => m.content === content);
		const message = this.world.newMessage({ channelId, authorId, content });
		this.world.storeMessage(message);
		await seen;
		return message;
	}

	/** Grants the bot's managed role extra guild permissions. */
	grantBot(permissions: bigint): void {
		const role = this.demo.guild.roles.get(this.botRoleId);
		if (role) role.permissions |= permissions;
	}

	async close(): Promise<void> {
		await this.client.destroy();
		await this.emulator.close();
	}
}

import { type Client, type ClientEvents, DiscordAPIError } from 'discord.js';
import { expect } from 'vitest';
import type { Dispatch, World } from '../../src/emulator/world/world.ts';

/** Resolves with the arguments of the next `event` that passes `filter`, or rejects after `ms`. */
export function nextEvent<K extends keyof ClientEvents>(
	client: Client,
	event: K,
	filter: (...args: ClientEvents[K]) => boolean = () => true,
	ms = 3000,
): Promise<ClientEvents[K]> {
	return new Promise((resolve, reject) => {
		const handler = (...args: ClientEvents[K]) => {
			if (!filter(...args)) return;
			clearTimeout(timer);
			client.off(event, handler);
			resolve(args);
		};
		const timer = setTimeout(() => {
			client.off(event, handler);
			reject(new Error(`no ${String(event)} within ${ms} ms`));
		}, ms);
		client.on(event, handler);
	});
}

/** Expects `promise` to reject with a DiscordAPIError carrying `code` (and `status` when given). */
export async function expectApiError(promise: Promise<unknown>, code: number, status?: number): Promise<void> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(DiscordAPIError);
	expect((error as DiscordAPIError).code).toBe(code);
	if (status !== undefined) expect((error as DiscordAPIError).status).toBe(status);
}

/**
 * Records the world's dispatches while `action` runs. REST handlers dispatch before they answer,
 * so when the request has resolved every event it caused is here: absence needs no waiting.
 */
export async function dispatchesDuring(world: World, action: () => Promise<unknown>): Promise<Dispatch[]> {
	const seen: Dispatch[] = [];
	const stop = world.onDispatch((event) => seen.push(event));
	try {
		await action();
	} finally {
		stop();
	}
	return seen;
}

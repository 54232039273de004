import { type Command, type CommandStore, container } from '@sapphire/framework';
import type { ApplicationCommandDataResolvable } from 'discord.js';
import { pluginIdOfPiece } from './piece-loader.ts';

/**
 * Pushes the slash commands of every loaded command piece to Discord with one bulk overwrite for
 * global commands and one per guild that has (or had) guild commands. Each call replaces the whole
 * set, so loading, reloading or unloading a plugin can never leave duplicates, and a guild whose
 * last guild command went away is cleared explicitly.
 */
export class CommandSync {
	readonly #guildsWithCommands = new Set<string>();

	async sync(
		onPieceError: (pluginId: string | null, error: unknown) => void,
	): Promise<{ global: number; guilds: number }> {
		const client = container.client;
		if (!client.application) throw new Error('Cannot register commands before the client is ready');
		const store = container.stores.get('commands') as CommandStore;
		const global: { piece: Command; data: ApplicationCommandDataResolvable }[] = [];
		const perGuild = new Map<string, { piece: Command; data: ApplicationCommandDataResolvable }[]>();

		for (const piece of store.values()) {
			const registry = piece.applicationCommandRegistry;
			for (const key of [...registry.chatInputCommands, ...registry.contextMenuCommands])
				if (store.aliases.get(key) === piece) store.aliases.delete(key);
			registry.chatInputCommands.clear();
			registry.contextMenuCommands.clear();
			const calls = (
				registry as unknown as {
					apiCalls: { builtData: ApplicationCommandDataResolvable; registerOptions: { guildIds?: string[] } }[];
				}
			).apiCalls;
			calls.length = 0;
			try {
				await piece.registerApplicationCommands?.(registry);
			} catch (error) {
				onPieceError(pluginIdOfPiece(piece.name), error);
				continue;
			}
			for (const call of calls) {
				const guildIds = call.registerOptions.guildIds ?? [];
				if (guildIds.length === 0) global.push({ piece, data: call.builtData });
				for (const guildId of guildIds) {
					const list = perGuild.get(guildId) ?? [];
					list.push({ piece, data: call.builtData });
					perGuild.set(guildId, list);
				}
			}
			for (const key of [...registry.chatInputCommands, ...registry.contextMenuCommands]) store.aliases.set(key, piece);
		}

		const alias = (result: Map<string, { name: string }>, found: typeof global) => {
			for (const [id, command] of result) {
				const owner = found.find((f) => (f.data as { name: string }).name === command.name)?.piece;
				if (owner) store.aliases.set(id, owner);
			}
		};
		alias(await client.application.commands.set(global.map((g) => g.data)), global);
		const guilds = new Set([...perGuild.keys(), ...this.#guildsWithCommands]);
		for (const guildId of guilds) {
			const found = perGuild.get(guildId) ?? [];
			alias(
				await client.application.commands.set(
					found.map((g) => g.data),
					guildId,
				),
				found,
			);
			if (found.length) this.#guildsWithCommands.add(guildId);
			else this.#guildsWithCommands.delete(guildId);
		}
		return { global: global.length, guilds: perGuild.size };
	}
}

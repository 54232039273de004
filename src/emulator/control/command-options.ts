import {
	type APIApplicationCommand,
	type APIApplicationCommandOption,
	type ChannelType,
	ApplicationCommandOptionType as O,
} from 'discord-api-types/v10';
import { channelPayload, memberPayload, rolePayload, userPayload } from '../world/serialize.ts';
import type { EmGuild } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { badRequest } from './validate.ts';

type Value = string | number | boolean;

interface Resolved {
	users: Record<string, unknown>;
	members: Record<string, unknown>;
	roles: Record<string, unknown>;
	channels: Record<string, unknown>;
}

/**
 * Builds `data.options` and `data.resolved` of a chat-input interaction from a path such as
 * `invite rank add` and a flat `{ name: value }` map, checked against the registered command like
 * the Discord client would: unknown or missing options, wrong types, choices and ranges are refused.
 */
export function buildCommandData(
	world: World,
	guild: EmGuild | null,
	command: APIApplicationCommand,
	path: string[],
	values: Record<string, Value>,
) {
	const resolved: Resolved = { users: {}, members: {}, roles: {}, channels: {} };
	let level: APIApplicationCommandOption[] = command.options ?? [];
	const chain: { type: O; name: string }[] = [];
	for (const name of path) {
		const sub = level.find((o) => o.name === name && (o.type === O.Subcommand || o.type === O.SubcommandGroup));
		if (!sub)
			throw badRequest(
				`/${command.name} has no subcommand or group "${name}" at this level; choose one of: ${level.map((o) => o.name).join(', ') || '(none)'}`,
			);
		chain.push({ type: sub.type, name: sub.name });
		level = ('options' in sub ? sub.options : undefined) ?? [];
	}
	if (level.some((o) => o.type === O.Subcommand || o.type === O.SubcommandGroup))
		throw badRequest(
			`/${[command.name, ...path].join(' ')} needs a subcommand: ${level.map((o) => o.name).join(', ')}`,
		);

	const leaf: { name: string; type: O; value: Value }[] = [];
	for (const [name, raw] of Object.entries(values)) {
		const def = level.find((o) => o.name === name);
		if (!def)
			throw badRequest(
				`/${[command.name, ...path].join(' ')} has no option "${name}"; options: ${level.map((o) => o.name).join(', ') || '(none)'}`,
			);
		leaf.push({ name, type: def.type, value: checkValue(world, guild, def, raw, resolved) });
	}
	for (const def of level)
		if ('required' in def && def.required && !(def.name in values))
			throw badRequest(`Option "${def.name}" is required`);

	let options: unknown[] = leaf;
	for (const step of [...chain].reverse()) options = [{ type: step.type, name: step.name, options }];
	const hasResolved = Object.values(resolved).some((r) => Object.keys(r).length > 0);
	return {
		id: command.id,
		name: command.name,
		type: command.type,
		options,
		...(hasResolved ? { resolved } : {}),
		...(command.guild_id ? { guild_id: command.guild_id } : {}),
	};
}

function checkValue(
	world: World,
	guild: EmGuild | null,
	def: APIApplicationCommandOption,
	raw: Value,
	resolved: Resolved,
): Value {
	const name = def.name;
	const choices = 'choices' in def ? def.choices : undefined;
	if (choices?.length && !choices.some((c) => c.value === raw))
		throw badRequest(`Option "${name}" must be one of: ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
	switch (def.type) {
		case O.String: {
			if (typeof raw !== 'string') throw badRequest(`Option "${name}" must be a string`);
			if (def.min_length !== undefined && raw.length < def.min_length)
				throw badRequest(`Option "${name}" must be at least ${def.min_length} characters`);
			if (def.max_length !== undefined && raw.length > def.max_length)
				throw badRequest(`Option "${name}" must be at most ${def.max_length} characters`);
			return raw;
		}
		case O.Integer:
		case O.Number: {
			if (typeof raw !== 'number' || (def.type === O.Integer && !Number.isInteger(raw)))
				throw badRequest(`Option "${name}" must be ${def.type === O.Integer ? 'an integer' : 'a number'}`);
			if (def.min_value !== undefined && raw < def.min_value)
				throw badRequest(`Option "${name}" must be at least ${def.min_value}`);
			if (def.max_value !== undefined && raw > def.max_value)
				throw badRequest(`Option "${name}" must be at most ${def.max_value}`);
			return raw;
		}
		case O.Boolean:
			if (typeof raw !== 'boolean') throw badRequest(`Option "${name}" must be a boolean`);
			return raw;
		case O.User:
			return resolveUser(world, guild, String(raw), name, resolved);
		case O.Role:
			return resolveRole(guild, String(raw), name, resolved);
		case O.Mentionable:
			if (guild?.roles.has(String(raw))) return resolveRole(guild, String(raw), name, resolved);
			return resolveUser(world, guild, String(raw), name, resolved);
		case O.Channel: {
			const channel = world.channels.get(String(raw));
			if (!channel || channel.guildId !== (guild?.id ?? null))
				throw badRequest(`Option "${name}": no channel ${raw} in this guild`);
			const types = (def as { channel_types?: ChannelType[] }).channel_types;
			if (types?.length && !types.includes(channel.type))
				throw badRequest(`Option "${name}": channel type ${channel.type} is not allowed`);
			resolved.channels[channel.id] = { ...(channelPayload(channel, world) as object), permissions: '0' };
			return channel.id;
		}
		default:
			throw badRequest(`Option "${name}" has a type the emulator cannot fill (attachments are not supported)`);
	}
}

function resolveUser(world: World, guild: EmGuild | null, id: string, name: string, resolved: Resolved): string {
	const user = world.users.get(id);
	if (!user) throw badRequest(`Option "${name}": no user ${id}`);
	resolved.users[id] = userPayload(user);
	const member = guild?.members.get(id);
	if (member && guild)
		resolved.members[id] = {
			...memberPayload(member, world, false),
			permissions: world.permissionsOf(guild.id, id).toString(),
		};
	return id;
}

function resolveRole(guild: EmGuild | null, id: string, name: string, resolved: Resolved): string {
	const role = guild?.roles.get(id);
	if (!role) throw badRequest(`Option "${name}": no role ${id} in this guild`);
	resolved.roles[id] = rolePayload(role);
	return id;
}

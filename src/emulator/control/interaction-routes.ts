import { InteractionType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import { Errors } from '../errors.ts';
import type { RestRoute } from '../http/route.ts';
import type { InteractionRegistry, PendingInteraction } from '../interactions.ts';
import { channelPermissions } from '../world/permissions.ts';
import { channelPayload, memberPayload, messagePayload, userPayload } from '../world/serialize.ts';
import type { EmApplication } from '../world/types.ts';
import type { World } from '../world/world.ts';
import { buildCommandData } from './command-options.ts';
import type { ControlDeps } from './index.ts';
import { presentMessage } from './present.ts';
import { badRequest, parse, snowflake } from './validate.ts';

/** What an interaction control call works with: the world, the pending interactions, the default app. */
interface Env {
	world: World;
	interactions: InteractionRegistry;
	defaultApp(): EmApplication;
}

const value = z.union([z.string(), z.number(), z.boolean()]);

function appOf(env: Env, appId: string | undefined): EmApplication {
	const app = appId ? env.world.applications.get(appId) : env.defaultApp();
	if (!app) throw Errors.unknownApplication();
	return app;
}

/** The parts every interaction payload shares: who, where, and what the app may do there. */
function context(env: Env, app: EmApplication, channelId: string, userId: string) {
	const world = env.world;
	const channel = world.channel(channelId);
	const user = world.user(userId);
	if (channel.guildId === null) {
		if (!channel.recipients.includes(userId) || !channel.recipients.includes(app.botUserId))
			throw badRequest('That DM channel is not between this user and the bot');
		return {
			guildId: null,
			base: {
				channel_id: channel.id,
				channel: channelPayload(channel, world),
				user: userPayload(user),
				context: 1,
				app_permissions: '0',
				authorizing_integration_owners: { '1': userId },
			},
		};
	}
	const guild = world.guild(channel.guildId);
	const member = guild.members.get(userId);
	if (!member) throw badRequest(`User ${userId} is not a member of guild ${guild.id}`);
	if (!guild.members.has(app.botUserId)) throw badRequest(`The application's bot is not in guild ${guild.id}`);
	const memberPerms = channelPermissions(guild, channel, userId);
	return {
		guildId: guild.id,
		memberPerms,
		base: {
			guild_id: guild.id,
			guild: { id: guild.id, locale: 'en-US', features: [] },
			guild_locale: 'en-US',
			channel_id: channel.id,
			channel: channelPayload(channel, world),
			member: { ...memberPayload(member, world), permissions: memberPerms.toString() },
			context: 0,
			app_permissions: channelPermissions(guild, channel, app.botUserId).toString(),
			authorizing_integration_owners: { '0': guild.id },
		},
	};
}

/** What the control call answers once the bot has answered the interaction. */
function outcome(env: Env, pending: PendingInteraction) {
	const world = env.world;
	const channel = world.channel(pending.channelId);
	const msg = (id: string | null) => {
		const m = id ? channel.messages.get(id) : undefined;
		return m ? presentMessage(world, m) : null;
	};
	return {
		interaction_id: pending.id,
		callback_type: pending.callbackType,
		reply: msg(pending.originalMessageId),
		updated_message: pending.sourceMessageId && !pending.originalMessageId ? msg(pending.sourceMessageId) : null,
		modal: pending.modal,
		choices: pending.choices,
		followups: pending.followupIds.map((id) => msg(id)).filter(Boolean),
	};
}

/**
 * Creates an interaction with Discord's envelope around `fields`, dispatches it to the app, and waits
 * for the bot's answer (504 after the timeout).
 */
async function run(
	env: Env,
	spec: Parameters<InteractionRegistry['create']>[0],
	fields: Record<string, unknown>,
	timeoutMs = 5_000,
) {
	const pending = env.interactions.create(spec, ({ id, token }) => ({
		id,
		token,
		application_id: spec.appId,
		type: spec.type,
		locale: 'en-US',
		...fields,
		version: 1,
		entitlements: [],
		attachment_size_limit: 10_485_760,
	}));
	await env.interactions.waitSettled(pending, timeoutMs);
	return outcome(env, pending);
}

const commandSpec = z.strictObject({
	app_id: snowflake.optional(),
	channel_id: snowflake,
	user_id: snowflake,
	/** `name`, `name sub` or `name group sub`. */
	command: z.string().min(1).max(100),
	options: z.record(z.string(), value).optional(),
	/** The member's client language (Discord's locale codes), sent as the interaction's `locale` (default en-US). */
	locale: z
		.string()
		.regex(/^[a-z]{2}(-[A-Z]{2}|-\d{3})?$/, 'must be a Discord locale such as en-US, es-ES or es-419')
		.optional(),
	timeout_ms: z.number().int().min(0).max(60_000).optional(),
});

const componentSpec = z.strictObject({
	app_id: snowflake.optional(),
	channel_id: snowflake,
	message_id: snowflake,
	user_id: snowflake,
	custom_id: z.string().min(1).max(100),
	values: z.array(z.string()).max(25).optional(),
	/** The member's client language (Discord's locale codes), sent as the interaction's `locale` (default en-US). */
	locale: z
		.string()
		.regex(/^[a-z]{2}(-[A-Z]{2}|-\d{3})?$/, 'must be a Discord locale such as en-US, es-ES or es-419')
		.optional(),
	timeout_ms: z.number().int().min(0).max(60_000).optional(),
});

const modalSpec = z.strictObject({
	interaction_id: snowflake,
	/** Text inputs take a string, selects and checkbox groups a list, a checkbox a boolean. */
	values: z.record(z.string(), z.union([z.string().max(4000), z.array(z.string().max(100)).max(25), z.boolean()])),
	timeout_ms: z.number().int().min(0).max(60_000).optional(),
});

interface ComponentLike {
	type: number;
	custom_id?: string;
	disabled?: boolean;
	components?: ComponentLike[];
	component?: ComponentLike;
	accessory?: ComponentLike;
	required?: boolean;
	label?: string;
	id?: number;
	default?: boolean;
	options?: { value: string }[];
	min_values?: number;
	max_values?: number;
}

/**
 * What the modal submit carries for one input, as Discord sends it: `value` (string) for a text
 * input, `values` for selects and checkbox groups, `value` (boolean) for a checkbox, which cannot
 * be required and defaults to its `default`.
 */
function modalValue(input: ComponentLike, values: Record<string, string | string[] | boolean>) {
	const v = values[input.custom_id as string];
	const name = `Modal field "${input.custom_id}"`;
	if (input.type === 23) {
		if (v !== undefined && typeof v !== 'boolean') throw badRequest(`${name} is a checkbox: give true or false`);
		return { value: v ?? input.default === true };
	}
	if (v === undefined && input.required !== false) throw badRequest(`${name} is required`);
	if (input.type === 4) {
		if (v !== undefined && typeof v !== 'string') throw badRequest(`${name} is a text input: give a string`);
		return { value: v ?? '' };
	}
	if (v !== undefined && !Array.isArray(v)) throw badRequest(`${name} takes a list of values`);
	const chosen = v ?? [];
	// A string select offers fixed options, between min_values and max_values of them (default 1).
	if (input.type === 3) {
		const offered = new Set((input.options ?? []).map((o) => o.value));
		const foreign = chosen.filter((x) => !offered.has(x));
		if (foreign.length) throw badRequest(`${name} has no option(s) ${foreign.join(', ')}`);
		const min = input.min_values ?? 1;
		const max = input.max_values ?? 1;
		if (chosen.length < min || chosen.length > max)
			throw badRequest(`${name} takes ${min}-${max} values, got ${chosen.length}`);
	}
	return { values: chosen };
}

function findComponent(list: ComponentLike[] | undefined, customId: string): ComponentLike | null {
	for (const c of list ?? []) {
		if (c.custom_id === customId) return c;
		const inner = findComponent(
			[...(c.components ?? []), ...(c.component ? [c.component] : []), ...(c.accessory ? [c.accessory] : [])],
			customId,
		);
		if (inner) return inner;
	}
	return null;
}

export const interactionRoutes = (deps: Pick<ControlDeps, 'interactions' | 'defaultApp'>): RestRoute[] => [
	{
		method: 'POST',
		path: '/interactions/commands',
		auth: 'none',
		handler: async ({ world: w, body }) => {
			const env: Env = { world: w, interactions: deps.interactions, defaultApp: deps.defaultApp };
			const spec = parse(commandSpec, body);
			const world = env.world;
			const app = appOf(env, spec.app_id);
			const { guildId, base, memberPerms } = context(env, app, spec.channel_id, spec.user_id);
			const [name, ...path] = spec.command.trim().replace(/^\//, '').split(/\s+/);
			const guildCommands = guildId ? [...(app.guildCommands.get(guildId)?.values() ?? [])] : [];
			const command = [...guildCommands, ...app.globalCommands.values()].find((c) => c.name === name && c.type === 1);
			if (!command)
				throw badRequest(
					`No chat-input command "/${name}" is registered for this ${guildId ? 'guild' : 'DM'} (registered: ${[...guildCommands, ...app.globalCommands.values()].map((c) => c.name).join(', ') || 'none'})`,
				);
			// The Discord client hides commands a member may not use; the emulator refuses to run them.
			if (guildId && command.default_member_permissions != null && memberPerms !== undefined) {
				const needed = BigInt(command.default_member_permissions);
				if ((memberPerms & needed) !== needed && (memberPerms & P.Administrator) === 0n)
					throw badRequest(
						`User ${spec.user_id} lacks the permissions /${name} requires (default_member_permissions ${needed})`,
					);
			}
			const data = buildCommandData(world, guildId ? world.guild(guildId) : null, command, path, spec.options ?? {});
			return run(
				env,
				{
					appId: app.id,
					type: InteractionType.ApplicationCommand,
					guildId,
					channelId: spec.channel_id,
					userId: spec.user_id,
				},
				{ data, ...base, ...(spec.locale ? { locale: spec.locale } : {}) },
				spec.timeout_ms,
			);
		},
	},
	{
		method: 'POST',
		path: '/interactions/components',
		auth: 'none',
		handler: async ({ world: w, body }) => {
			const env: Env = { world: w, interactions: deps.interactions, defaultApp: deps.defaultApp };
			const spec = parse(componentSpec, body);
			const world = env.world;
			const app = appOf(env, spec.app_id);
			const message = world.message(spec.channel_id, spec.message_id);
			if (message.authorId !== app.botUserId)
				throw badRequest('That message was not sent by this application; its components would go to another app');
			const component = findComponent(message.components as ComponentLike[], spec.custom_id);
			if (!component) throw badRequest(`Message ${message.id} has no component with custom_id "${spec.custom_id}"`);
			if (component.disabled) throw badRequest(`Component "${spec.custom_id}" is disabled`);
			const isSelect = [3, 5, 6, 7, 8].includes(component.type);
			if (isSelect && !spec.values) throw badRequest('A select menu needs values');
			const { guildId, base } = context(env, app, spec.channel_id, spec.user_id);
			return run(
				env,
				{
					appId: app.id,
					type: InteractionType.MessageComponent,
					guildId,
					channelId: spec.channel_id,
					userId: spec.user_id,
					sourceMessageId: message.id,
				},
				{
					data: {
						custom_id: spec.custom_id,
						component_type: component.type,
						...(isSelect ? { values: spec.values } : {}),
					},
					message: messagePayload(message, world),
					...base,
					...(spec.locale ? { locale: spec.locale } : {}),
				},
				spec.timeout_ms,
			);
		},
	},
	{
		method: 'POST',
		path: '/interactions/modals',
		auth: 'none',
		handler: async ({ world: w, body }) => {
			const env: Env = { world: w, interactions: deps.interactions, defaultApp: deps.defaultApp };
			const spec = parse(modalSpec, body);
			const opener = env.interactions.get(spec.interaction_id);
			if (!opener?.modal) throw badRequest(`Interaction ${spec.interaction_id} did not open a modal`);
			const app = appOf(env, opener.appId);
			const modal = opener.modal as { custom_id: string; components: ComponentLike[] };
			const submitted: unknown[] = [];
			const seen = new Set<string>();
			for (const row of modal.components) {
				const input = row.type === 1 ? row.components?.[0] : row.type === 18 ? row.component : undefined;
				if (!input?.custom_id) continue;
				seen.add(input.custom_id);
				const field = { type: input.type, id: input.id, custom_id: input.custom_id, ...modalValue(input, spec.values) };
				submitted.push(
					row.type === 18 ? { type: 18, id: row.id, component: field } : { type: 1, id: row.id, components: [field] },
				);
			}
			const unknown = Object.keys(spec.values).filter((k) => !seen.has(k));
			if (unknown.length) throw badRequest(`The modal has no field(s) ${unknown.join(', ')}`);
			const { guildId, base } = context(env, app, opener.channelId, opener.userId);
			return run(
				env,
				{
					appId: app.id,
					type: InteractionType.ModalSubmit,
					guildId,
					channelId: opener.channelId,
					userId: opener.userId,
					sourceMessageId: opener.sourceMessageId,
				},
				{
					data: { custom_id: modal.custom_id, components: submitted },
					...(opener.sourceMessageId
						? {
								message: messagePayload(env.world.message(opener.channelId, opener.sourceMessageId), env.world),
							}
						: {}),
					...base,
				},
				spec.timeout_ms,
			);
		},
	},
];

import { Command, container } from '@sapphire/framework';
import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { channelProblem, isAccessError, sendProblem } from '../messaging/channel-problems.ts';
import { CORE_EMITTER } from '../plugins/kit/event-bus.ts';
import type { MemberMessageKitOptions, MemberMessagePlugin } from './member-message-plugin.ts';

/** The core's texts for the kit, in a member's language. */
function core(key: string, locale: string | null, vars: Record<string, string | number> = {}): string {
	return container.plugins.i18n.t(CORE_EMITTER, `memberMessages.${key}`, { locale, vars });
}

function coreLocalizations(key: string) {
	return container.plugins.i18n.localizations(CORE_EMITTER, `memberMessages.${key}`);
}

/**
 * `/<command> test|channel|show` for a plugin that posts member messages (welcomes, goodbyes): shows
 * the settings, sets the channel (checked like the dashboard checks it) and sends a test, for
 * members with Manage Server, answering in the member's language.
 * `export class WelcomeCommand extends memberMessageCommand({...}) {}`.
 */
export function memberMessageCommand<P extends MemberMessagePlugin>(options: MemberMessageKitOptions<P>) {
	const { plugin, command, texts } = options;
	const text = (key: string, locale: string | null) => plugin.t(`${texts}.${key}`, { locale });
	return class MemberMessageCommand extends Command {
		override registerApplicationCommands(registry: Command.Registry) {
			registry.registerChatInputCommand((b) =>
				b
					.setName(command)
					.setNameLocalizations(plugin.localizations(`${texts}.name`))
					.setDescription(text('description', null))
					.setDescriptionLocalizations(plugin.localizations(`${texts}.description`))
					.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
					.setContexts(InteractionContextType.Guild)
					.addSubcommand((s) =>
						s
							.setName('test')
							.setNameLocalizations(coreLocalizations('options.test'))
							.setDescription(text('test', null))
							.setDescriptionLocalizations(plugin.localizations(`${texts}.test`)),
					)
					.addSubcommand((s) =>
						s
							.setName('channel')
							.setNameLocalizations(coreLocalizations('options.channel'))
							.setDescription(text('channelDescription', null))
							.setDescriptionLocalizations(plugin.localizations(`${texts}.channelDescription`))
							.addChannelOption((o) =>
								o
									.setName('channel')
									.setNameLocalizations(coreLocalizations('options.channelOption'))
									.setDescription(core('options.channelOptionDescription', null))
									.setDescriptionLocalizations(coreLocalizations('options.channelOptionDescription'))
									.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
									.setRequired(true),
							),
					)
					.addSubcommand((s) =>
						s
							.setName('show')
							.setNameLocalizations(coreLocalizations('options.show'))
							.setDescription(text('showDescription', null))
							.setDescriptionLocalizations(plugin.localizations(`${texts}.showDescription`)),
					),
			);
		}

		override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
			// An ephemeral answer is for the member alone: in their language.
			const locale = interaction.locale;
			const what = text('what', locale);
			const reply = (content: string) =>
				interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
			if (!interaction.inCachedGuild()) return reply(core('perServer', locale, { what }));
			// Default permissions are only a default: server admins can grant the command to anyone.
			if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
				return reply(core('needsManageServer', locale, { what: what.toLocaleLowerCase(locale) }));
			const guild = interaction.guild;
			const s = plugin.settings(guild.id) as ReturnType<P['settings']>;
			const sub = interaction.options.getSubcommand(true);
			const commandName = plugin.localizations(`${texts}.name`)[locale] ?? command;
			if (sub === 'channel') {
				const channel = interaction.options.getChannel('channel', true);
				const problem = channelProblem(channel, locale);
				if (problem) return reply(core('notChanged', locale, { reason: problem }));
				const result = await plugin.updateSettings(guild.id, { channel: channel.id }, { locale });
				if (!result.ok) return reply(core('notChanged', locale, { reason: Object.values(result.errors).join(' ') }));
				return reply(core('nowGoTo', locale, { what, channel: `<#${channel.id}>` }));
			}
			if (sub === 'show') {
				const where = s.channel
					? core('toChannel', locale, { channel: `<#${s.channel}>` })
					: core('toSystemChannel', locale);
				return reply(core('show', locale, { what, where, template: s.template }));
			}
			const problem = sendProblem(guild, s.channel, locale);
			if (problem) return reply(core('notSentProblem', locale, { problem, command: commandName }));
			const result = await plugin.postMemberMessage(options.message(interaction.member, s)).catch((error: unknown) => {
				// Permissions can change between the check and the send: say so rather than "something went wrong".
				if (isAccessError(error)) return 'refused' as const;
				throw error;
			});
			if (result === 'refused') return reply(core('refused', locale));
			if (!result) return reply(core('noChannel', locale, { command: commandName }));
			return reply(core('sentTo', locale, { channel: `<#${result.message.channelId}>` }));
		}
	};
}

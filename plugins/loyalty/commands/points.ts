import { Command } from '@sapphire/framework';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { localized, localizedChoice } from 'foyer';
import { adjust } from '../_adjust.ts';
import { MAX_ADJUST } from '../_adjust-input.ts';
import { balanceOf, history } from '../_balances.ts';
import { leaderboardRows } from '../_leaderboard-rows.ts';
import { enterManually } from '../_manual-purchase.ts';
import { nextTier, tierFor } from '../_tier-input.ts';
import { listTiers } from '../_tiers.ts';
import plugin from '../plugin.ts';

const PAGE = 10;
const when = (ms: number) => `<t:${Math.floor(ms / 1000)}:d>`;

/**
 * `/points view|top|history` for everyone, `/points adjust|purchase` for Manage Server. (Discord has
 * no bare `/points` beside subcommands, so seed 004's `/points [user]` is `/points view [user]`.)
 */
export class PointsCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			localized(b, plugin, 'command')
				.setContexts(InteractionContextType.Guild)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.view').addUserOption((o) => localized(o, plugin, 'command.viewUser')),
				)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.top').addIntegerOption((o) =>
						localized(o, plugin, 'command.topPage').setMinValue(1),
					),
				)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.history')
						.addUserOption((o) => localized(o, plugin, 'command.historyUser'))
						.addIntegerOption((o) => localized(o, plugin, 'command.historyPage').setMinValue(1)),
				)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.adjust')
						.addUserOption((o) => localized(o, plugin, 'command.adjustUser').setRequired(true))
						.addIntegerOption((o) =>
							localized(o, plugin, 'command.amount').setRequired(true).setMinValue(-MAX_ADJUST).setMaxValue(MAX_ADJUST),
						)
						.addStringOption((o) => localized(o, plugin, 'command.reason').setRequired(true).setMaxLength(200)),
				)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.purchase')
						.addUserOption((o) => localized(o, plugin, 'command.buyer').setRequired(true))
						.addStringOption((o) => localized(o, plugin, 'command.money').setRequired(true))
						.addStringOption((o) => localized(o, plugin, 'command.order').setRequired(true).setMaxLength(100))
						.addStringOption((o) =>
							localized(o, plugin, 'command.type').addChoices(
								localizedChoice(plugin, 'command.types.purchase', 'purchase'),
								localizedChoice(plugin, 'command.types.refund', 'refund'),
							),
						)
						.addStringOption((o) => localized(o, plugin, 'command.product').setMaxLength(100)),
				),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const reply = (content: string) =>
			interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		// Ephemeral replies: in the member's own Discord language.
		const t = plugin.translator({ locale: interaction.locale });
		if (!interaction.inCachedGuild()) return reply(t('points.guildOnly'));
		const guild = interaction.guild;
		const sub = interaction.options.getSubcommand(true);
		const manager = interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
		const target = interaction.options.getUser('user') ?? interaction.user;
		if (sub === 'view') {
			const points = (await balanceOf(guild.id, target.id))?.points ?? 0;
			const tiers = await listTiers(guild.id);
			const tier = tierFor(tiers, points);
			const next = nextTier(tiers, points);
			const self = target.id === interaction.user.id;
			const vars = { points: points.toLocaleString('en-US'), user: target.id, tier: tier?.name ?? '' };
			const lines = [t(`points.${self ? 'self' : 'other'}${tier ? '' : 'NoTier'}`, vars)];
			if (next)
				lines.push(t('points.next', { name: next.name, threshold: next.threshold, missing: next.threshold - points }));
			else if (tier) lines.push(t('points.highest'));
			return reply(lines.join('\n'));
		}
		if (sub === 'top') {
			const board = await leaderboardRows(guild, interaction.options.getInteger('page') ?? 1, PAGE);
			if (board.total === 0) return reply(t('leaderboard.empty'));
			const lines = board.items.map((r) =>
				t(r.tier ? 'points.lineTier' : 'points.line', {
					rank: r.rank,
					user: r.userId,
					points: r.points.toLocaleString('en-US'),
					tier: r.tier ?? '',
				}),
			);
			return reply([t('points.top', { page: board.page, pages: board.pages }), ...lines].join('\n'));
		}
		if (sub === 'history') {
			if (target.id !== interaction.user.id && !manager) return reply(t('points.historyDenied'));
			const page = await history(guild.id, target.id, interaction.options.getInteger('page') ?? 1, PAGE);
			if (page.total === 0) return reply(t('points.historyEmpty', { user: target.id }));
			const lines = page.items.map(
				(l) =>
					`${when(l.at)} ${l.amount > 0 ? '+' : ''}${l.amount} ${t(`reasons.${l.reason}`)} (${l.reference}) → ${l.balanceAfter}`,
			);
			const more = page.page < page.pages ? `\n${t('points.historyMore', { page: page.page + 1 })}` : '';
			const header = t('points.historyHeader', { user: target.id, page: page.page, pages: page.pages });
			return reply([header, ...lines].join('\n') + more);
		}
		// Default permissions are only a default: server admins can grant the command to anyone.
		if (!manager) return reply(t('points.needManage'));
		if (sub === 'adjust') {
			const amount = interaction.options.getInteger('amount', true);
			const reason = interaction.options.getString('reason', true);
			const result = await adjust(guild.id, target.id, interaction.user.id, { amount, reason }, interaction.id, t);
			if (!result.ok) return reply(t('points.notAdjusted', { errors: Object.values(result.errors).join(' ') }));
			const signed = `${amount > 0 ? '+' : ''}${amount}`;
			return reply(t('points.adjusted', { user: target.id, amount: signed, points: result.points }));
		}
		const result = await enterManually(
			guild,
			interaction.user.id,
			{
				type: interaction.options.getString('type') ?? 'purchase',
				user: target.id,
				amount: interaction.options.getString('amount', true),
				order: interaction.options.getString('order', true),
				product: interaction.options.getString('product') ?? '',
			},
			t,
		);
		if (!result.ok)
			return reply(
				t('points.notRecorded', {
					errors: Object.entries(result.errors)
						.map(([k, v]) => `${k} ${v}`)
						.join('; '),
				}),
			);
		return reply(result.text);
	}
}

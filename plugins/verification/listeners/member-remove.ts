import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import { kickKey } from '../_ids.ts';
import { isBusy } from '../gate/_busy.ts';
import { journal } from '../gate/_journal.ts';
import { takeWaiting } from '../gate/_waiting.ts';
import plugin from '../plugin.ts';

/** A member who leaves before verifying: their pending removal is cancelled and the gate forgets them. */
export class VerificationMemberRemove extends Listener<typeof Events.GuildMemberRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberRemove });
	}

	override async run(member: GuildMember | PartialGuildMember) {
		// Our own kick: the kick cleans up after itself and says why.
		if (isBusy(member.guild.id, member.id)) return;
		if (!(await takeWaiting(member.guild.id, member.id))) return;
		await plugin.cancel(kickKey(member.guild.id, member.id));
		await journal(member.guild, {
			action: 'left',
			userId: member.id,
			username: member.user?.username ?? null,
			reason: plugin.t('journal.left', { guild: member.guild.id }),
		});
	}
}

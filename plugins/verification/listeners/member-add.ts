import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { configured } from '../_settings.ts';
import { admit } from '../gate/_admit.ts';
import '../gate/_template-context.ts';
import { noteJoin } from '../lockdown/_lockdown.ts';
import '../message/_reconcile.ts';
import plugin from '../plugin.ts';

export class VerificationMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		const s = plugin.settings(member.guild.id);
		if (member.user.bot || !configured(s)) return;
		// Counted first: the raid detector must not wait for the member's place in the role queue.
		await noteJoin(member.guild, s);
		await admit(member);
	}
}

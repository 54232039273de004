import { templateContextOf } from '../templates/member-context.ts';
import type { MemberMessage, QueuedMemberMessage } from './member-message.ts';

export function queuedMemberMessage(message: MemberMessage): QueuedMemberMessage {
	const { member } = message;
	return {
		plugin: message.plugin,
		guildId: member.guild.id,
		channelId: message.channelId,
		template: message.template,
		combinedTemplate: message.combinedTemplate,
		embed: message.embed ?? null,
		ctx: { ...templateContextOf(member), ...message.context },
		name: member.displayName || member.user?.username || 'unknown',
	};
}

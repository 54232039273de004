import { container } from '@sapphire/framework';
import type { MemberMessage, MemberMessageResult } from './member-message.ts';

/**
 * Posts a welcome/goodbye-style message about one member through the core's coalescer: sent at once
 * while the channel has room, combined with other members' during a raid.
 */
export function postMemberMessage(message: MemberMessage): Promise<MemberMessageResult | null> {
	return container.memberMessages.post(message);
}

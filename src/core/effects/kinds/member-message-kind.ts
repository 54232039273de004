import type { MemberMessageResult, QueuedMemberMessage } from '../../messaging/member-message.ts';
import { type CoalescedResult, type MessageCoalescer, NOT_SENT } from '../../messaging/message-coalescer.ts';
import { type EffectExecutor, LEFT_TO_DO } from '../effect-outbox.ts';

export const MEMBER_MESSAGE = 'member-message';

/** A welcome or goodbye through the coalescer: recorded when decided, marked when its (combined) message is sent. */
export function memberMessageExecutor(
	coalescer: () => MessageCoalescer,
): EffectExecutor<QueuedMemberMessage, MemberMessageResult | null> {
	return async (payload, _live, effect) => {
		const result: CoalescedResult = await coalescer().post({
			...payload,
			effectKey: effect.key,
			groupNonce: effect.group ?? null,
		});
		return result === NOT_SENT ? LEFT_TO_DO : result;
	};
}

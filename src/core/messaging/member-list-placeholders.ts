import { memberText } from '../templates/member-text.ts';
import type { TemplateContext, TemplateEngine } from '../templates/template-engine.ts';
import { listMembers } from './member-list.ts';

/** What a combined message carries in `ctx.extra.members`: the named members and how many are counted. */
export interface MemberListExtra {
	ids: string[];
	names: string[];
	others: number;
}

const listOf = (ctx: TemplateContext): MemberListExtra | undefined => ctx.extra?.members as MemberListExtra | undefined;

/**
 * `%members%` (mentions) and `%member_names%` (names) for combined welcome and goodbye messages. In a
 * one-member message they stand for that member, so one template can serve both cases. Only the
 * members actually listed are pinged: the counted ones are not in allowed_mentions.
 */
export function registerMemberListPlaceholders(engine: TemplateEngine): () => void {
	const unregister = [
		engine.register('members', {
			description: 'Mentions the members of a combined message ("@a, @b and 12 others")',
			example: '@Ana, @Bea and 12 others',
			render: (c) => {
				const list = listOf(c);
				return list
					? listMembers(
							list.ids.map((id) => `<@${id}>`),
							list.others,
						)
					: `<@${c.member.id}>`;
			},
			mentions: (c) => listOf(c)?.ids ?? [c.member.id],
		}),
		engine.register('member_names', {
			description: 'Names the members of a combined message ("Ana, Bea and 12 others")',
			example: 'Ana, Bea and 12 others',
			render: (c) => {
				const list = listOf(c);
				return list
					? listMembers(list.names.map(memberText), list.others)
					: memberText(c.member.displayName || c.member.username);
			},
		}),
	];
	return () => {
		for (const u of unregister) u();
	};
}

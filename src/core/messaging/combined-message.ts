import type { RenderResult, TemplateContext, TemplateEngine } from '../templates/template-engine.ts';
import { largestFitting } from './member-list.ts';
import type { MemberListExtra } from './member-list-placeholders.ts';

/** Discord's limits on one message: content length and users in allowed_mentions. */
export const MESSAGE_LIMITS = { maxChars: 2000, maxUsers: 100 };

export interface ListedMember {
	id: string;
	name: string;
}

export interface CombinedRender {
	rendered: RenderResult;
	/** The context the text was rendered with (for an embed rendered the same way). */
	ctx: TemplateContext;
	/** How many members are named; the others are counted. */
	listed: number;
}

/**
 * Renders a combined template for `members`, naming as many as fit in one message (content length
 * and allowed_mentions users) and counting the rest. `base` supplies the guild and the member that
 * ordinary placeholders refer to (the latest one).
 */
export function renderCombined(
	engine: TemplateEngine,
	template: string,
	base: TemplateContext,
	members: readonly ListedMember[],
	limits = MESSAGE_LIMITS,
): CombinedRender {
	const at = (k: number) => {
		const list: MemberListExtra = {
			ids: members.slice(0, k).map((m) => m.id),
			names: members.slice(0, k).map((m) => m.name),
			others: members.length - k,
		};
		const ctx: TemplateContext = { ...base, extra: { ...base.extra, members: list } };
		return { ctx, rendered: engine.render(template, ctx) };
	};
	const fits = (k: number) => {
		const { rendered } = at(k);
		return rendered.content.length <= limits.maxChars && rendered.allowedMentions.users.length <= limits.maxUsers;
	};
	const listed = largestFitting(members.length, fits);
	const { ctx, rendered } = at(listed);
	// A template that is too long on its own still goes out, cut to the limit, rather than not at all.
	if (rendered.content.length > limits.maxChars) rendered.content = rendered.content.slice(0, limits.maxChars);
	return { rendered, ctx, listed };
}

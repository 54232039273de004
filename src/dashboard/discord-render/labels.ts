/**
 * Every word the renderer shows itself (not the message's own text), in one place so that the
 * language catalogs can take them over: names Discord shows for mentions it cannot resolve, and so on.
 */
export const RENDER_LABELS = {
	unknownUser: 'unknown-user',
	unknownRole: 'deleted-role',
	unknownChannel: 'unknown',
	appBadge: 'APP',
	spoiler: 'Spoiler',
	truncated: '(cut here: too long to show)',
	todayAt: (time: string) => `Today at ${time}`,
	yesterdayAt: (time: string) => `Yesterday at ${time}`,
	select: 'Make a selection',
	attachment: 'Attachment',
	botAvatar: 'Avatar',
};

export type RenderLabels = typeof RENDER_LABELS;

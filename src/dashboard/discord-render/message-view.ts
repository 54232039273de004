import type { APIEmbed } from 'discord.js';
import { type ComponentView, componentViews } from './component-view.ts';
import { hexColor, safeUrl } from './escape.ts';
import { renderLabels } from './labels.ts';
import { type MarkdownOptions, renderMarkdown } from './markdown.ts';
import type { MentionResolver } from './mentions.ts';
import type { DiscordMessageInput } from './message-input.ts';
import { fullTime, messageTime, type TimeOptions } from './timestamps.ts';

export interface RenderOptions {
	mentions: MentionResolver;
	/** "Now" for "Today at" and relative timestamps (tests pass a fixed one). */
	now?: Date;
	locale?: string;
	timeZone?: string;
}

export interface TimeView {
	iso: string;
	text: string;
	title: string;
}

/** The partial's model. Plain strings are escaped by the template; `*Html` strings are trusted markup. */
export interface DiscordMessageView {
	id: string;
	author: { name: string; avatarUrl: string | null; initial: string; avatarColor: string; bot: boolean };
	channel: string | null;
	time: TimeView | null;
	contentHtml: string;
	embeds: EmbedView[];
	components: ComponentView[];
	labels: { app: string };
}

export interface EmbedView {
	color: string | null;
	author: { name: string; url: string | null; iconUrl: string | null } | null;
	titleHtml: string;
	url: string | null;
	descriptionHtml: string;
	fields: { nameHtml: string; valueHtml: string; inline: boolean }[];
	thumbnailUrl: string | null;
	imageUrl: string | null;
	footer: { text: string; iconUrl: string | null } | null;
	time: TimeView | null;
}

/** Discord's default avatars: one of six colours, picked from the user id. */
const DEFAULT_AVATAR_COLORS = ['#5865f2', '#757e8a', '#3ba55c', '#faa61a', '#ed4245', '#eb459e'];
const MAX_EMBEDS = 10;
const MAX_FIELDS = 25;

function timeView(value: DiscordMessageInput['timestamp'], o: TimeOptions): TimeView | null {
	if (value === null || value === undefined || value === '') return null;
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) return null;
	return { iso: date.toISOString(), text: messageTime(date, o), title: fullTime(date, o) };
}

function avatarColor(id: string | null | undefined): string {
	let index = 0;
	try {
		index = id && /^\d{1,20}$/.test(id) ? Number((BigInt(id) >> 22n) % 6n) : 0;
	} catch {
		index = 0;
	}
	return DEFAULT_AVATAR_COLORS[index] as string;
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

function embedView(e: APIEmbed, md: MarkdownOptions): EmbedView {
	const full = { ...md, blocks: true, links: true };
	const author = e.author && text(e.author.name, 256);
	const footer = e.footer && text(e.footer.text, 2048);
	return {
		color: hexColor(e.color),
		author: author ? { name: author, url: safeUrl(e.author?.url), iconUrl: safeUrl(e.author?.icon_url) } : null,
		titleHtml: e.title ? renderMarkdown(text(e.title, 256), { ...md, blocks: false, links: false }) : '',
		url: safeUrl(e.url),
		descriptionHtml: e.description ? renderMarkdown(text(e.description, 4096), { ...full, maxLength: 4096 }) : '',
		fields: (Array.isArray(e.fields) ? e.fields.slice(0, MAX_FIELDS) : []).map((f) => ({
			nameHtml: renderMarkdown(text(f?.name, 256), { ...md, blocks: false, links: false }),
			valueHtml: renderMarkdown(text(f?.value, 1024), { ...full, maxLength: 1024 }),
			inline: f?.inline === true,
		})),
		thumbnailUrl: safeUrl(e.thumbnail?.url),
		imageUrl: safeUrl(e.image?.url),
		footer: footer ? { text: footer, iconUrl: safeUrl(e.footer?.icon_url) } : null,
		time: timeView(e.timestamp ?? null, md.time),
	};
}

/** The model of one message as Discord would show it to a member of the server. Pure. */
export function discordMessageView(input: DiscordMessageInput, options: RenderOptions): DiscordMessageView {
	const time: TimeOptions = {
		now: options.now ?? new Date(),
		locale: options.locale ?? 'en-US',
		timeZone: options.timeZone ?? 'UTC',
	};
	const md: MarkdownOptions = { mentions: options.mentions, time, blocks: true, links: true };
	const name = text(input.author.name, 80) || renderLabels(time.locale).unknownUser;
	return {
		id: input.id ?? '',
		author: {
			name,
			avatarUrl: safeUrl(input.author.avatarUrl),
			initial: [...name][0]?.toUpperCase() ?? '?',
			avatarColor: avatarColor(input.author.id),
			bot: input.author.bot === true,
		},
		channel: input.channel ?? null,
		time: timeView(input.timestamp, time),
		contentHtml: input.content ? renderMarkdown(input.content, { ...md, maxLength: 4000 }) : '',
		embeds: (input.embeds ?? []).slice(0, MAX_EMBEDS).map((e) => embedView(e, md)),
		components: componentViews(input.components ?? [], md),
		labels: { app: renderLabels(time.locale).appBadge },
	};
}

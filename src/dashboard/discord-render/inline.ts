import { escapeHtml as escapeText, hexColor, safeUrl } from './escape.ts';
import { renderLabels } from './labels.ts';
import type { MentionResolver } from './mentions.ts';
import { formatTimestamp, fullTime, type TimeOptions } from './timestamps.ts';

export interface InlineOptions {
	mentions: MentionResolver;
	time: TimeOptions;
	/** Links (masked `[text](url)` and bare URLs): in messages and embed texts, not in embed titles or link labels. */
	links: boolean;
}

/**
 * Deeper nesting than Discord users write; past it markup is shown as typed, so hostile input such as
 * `**__**__…` cannot recurse without bound.
 */
const MAX_DEPTH = 8;

const WORD = /[A-Za-z0-9]/;
const SNOWFLAKE = '(\\d{17,20})';
const ENTITY = /&(?:amp|lt|gt|quot|#39);/y;

// Every pattern runs on ESCAPED text: `<@123>` arrives as `&lt;@123&gt;`, `<@&1>` as `&lt;@&amp;1&gt;`.
const USER = new RegExp(`&lt;@!?${SNOWFLAKE}&gt;`, 'y');
const ROLE = new RegExp(`&lt;@&amp;${SNOWFLAKE}&gt;`, 'y');
const CHANNEL = new RegExp(`&lt;#${SNOWFLAKE}&gt;`, 'y');
const EMOJI = new RegExp(`&lt;(a?):(\\w{2,32}):${SNOWFLAKE}&gt;`, 'y');
const TIMESTAMP = /&lt;t:(-?\d{1,13})(?::([tTdDfFR]))?&gt;/y;
const COMMAND = new RegExp(`&lt;/([\\w-]{1,32}(?: [\\w-]{1,32}){0,2}):${SNOWFLAKE}&gt;`, 'y');
const ANGLE_LINK = /&lt;(https?:\/\/(?:(?!&gt;)[^\s])+)&gt;/y;
const URL_CHARS = /https?:\/\/(?:(?!&lt;|&gt;|&quot;|&#39;)[^\s])+/y;
const MASKED_LINK = /\[([^[\]\n]{1,512})\]\((?:&lt;)?((?:(?!&gt;\))[^\s()])+)(?:&gt;)?\)/y;
const EVERYONE = /@(everyone|here)\b/y;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
	re.lastIndex = at;
	return re.exec(s);
}

function pill(kind: string, text: string): string {
	return `<span class="dc-mention dc-${kind}">${text}</span>`;
}

/**
 * Where the closing `delim` of a span opened at `from` is: the next occurrence that leaves the span
 * non-empty and is not followed by the same character (so `***a***` closes bold after the italic).
 */
function closerOf(s: string, delim: string, from: number): number {
	let j = s.indexOf(delim, from + 1);
	while (j !== -1 && s[j + delim.length] === delim[0]) j++;
	return j !== -1 && s.startsWith(delim, j) ? j : -1;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/** The closing `*` or `_` of an italic span, skipping doubled delimiters (bold or underline inside). */
function italicCloser(s: string, ch: '*' | '_', from: number): number {
	for (let j = from + 1; j < s.length; j++) {
		const c = s[j];
		if (c === '\\') j++;
		else if (c === ch && s[j + 1] === ch) j++;
		else if (c === ch) {
			if (isSpace(s[j - 1])) continue;
			if (ch === '_' && WORD.test(s[j + 1] ?? '')) continue;
			return j;
		}
	}
	return -1;
}

/**
 * Discord's inline markdown over text that is already HTML-escaped: every character of the input
 * reaches the output either as it was (escaped) or inside markup this function writes itself.
 */
export function renderInline(s: string, o: InlineOptions, depth = 0): string {
	let out = '';
	let text = '';
	const flush = () => {
		out += text;
		text = '';
	};
	const emit = (html: string) => {
		flush();
		out += html;
	};
	const deeper = depth < MAX_DEPTH;
	// Once an italic opener found no closer, later openers of the same kind will not either: without
	// this, text full of unmatched `*` would be scanned to its end once per opener.
	const italicFailsFrom = { '*': Number.POSITIVE_INFINITY, _: Number.POSITIVE_INFINITY };
	const wrap = (tag: string, inner: string, cls?: string) =>
		emit(`<${tag}${cls ? ` class="${cls}"` : ''}>${renderInline(inner, o, depth + 1)}</${tag}>`);

	let i = 0;
	while (i < s.length) {
		const c = s[i] as string;
		if (c === '\\') {
			const next = s[i + 1];
			if (next === '&') {
				const entity = sticky(ENTITY, s, i + 1);
				if (entity) {
					text += entity[0];
					i += 1 + entity[0].length;
					continue;
				}
			}
			if (next !== undefined && !WORD.test(next) && !isSpace(next)) {
				text += next;
				i += 2;
				continue;
			}
		}
		if (c === '`') {
			const run = s.startsWith('``', i) ? '``' : '`';
			const end = s.indexOf(run, i + run.length);
			if (end > i + run.length) {
				const code = s.slice(i + run.length, end).replace(/^ (.+) $/s, '$1');
				emit(`<code class="dc-code">${code}</code>`);
				i = end + run.length;
				continue;
			}
		}
		if (deeper && c === '|' && s[i + 1] === '|') {
			const end = closerOf(s, '||', i + 1);
			if (end > i + 2) {
				flush();
				out += `<span class="dc-spoiler" tabindex="0" title="${escapeText(renderLabels(o.time.locale).spoiler)}">${renderInline(s.slice(i + 2, end), o, depth + 1)}</span>`;
				i = end + 2;
				continue;
			}
		}
		if (deeper && (c === '*' || c === '_')) {
			if (s[i + 1] === c) {
				const delim = c + c;
				const end = closerOf(s, delim, i + 1);
				if (end > i + 2) {
					wrap(c === '*' ? 'strong' : 'u', s.slice(i + 2, end));
					i = end + 2;
					continue;
				}
			}
			const opens = !isSpace(s[i + 1] ?? ' ') && (c === '*' || !WORD.test(s[i - 1] ?? ''));
			if (opens && i < italicFailsFrom[c]) {
				const end = italicCloser(s, c, i);
				if (end === -1) italicFailsFrom[c] = i;
				if (end > i + 1) {
					wrap('em', s.slice(i + 1, end));
					i = end + 1;
					continue;
				}
			}
		}
		if (deeper && c === '~' && s[i + 1] === '~') {
			const end = closerOf(s, '~~', i + 1);
			if (end > i + 2) {
				wrap('s', s.slice(i + 2, end));
				i = end + 2;
				continue;
			}
		}
		if (deeper && c === '[' && o.links) {
			const m = sticky(MASKED_LINK, s, i);
			if (m) {
				const href = safeUrl(unescapeUrl(m[2] as string));
				// A target that is not http(s) (javascript:, data:, relative) leaves the whole thing as text.
				if (href) {
					const label = renderInline(m[1] as string, { ...o, links: false }, depth + 1);
					emit(link(m[2] as string, label));
					i += m[0].length;
					continue;
				}
			}
		}
		if (c === 'h' && o.links && !WORD.test(s[i - 1] ?? '')) {
			const m = sticky(URL_CHARS, s, i);
			if (m) {
				const url = m[0].replace(/[.,:;!?)\]]+$/, '');
				if (safeUrl(unescapeUrl(url))) {
					emit(link(url, url));
					i += url.length;
					continue;
				}
			}
		}
		if (c === '&') {
			const hit = mention(s, i, o);
			if (hit) {
				emit(hit.html);
				i += hit.length;
				continue;
			}
			const entity = sticky(ENTITY, s, i);
			if (entity) {
				text += entity[0];
				i += entity[0].length;
				continue;
			}
		}
		if (c === '@') {
			const m = sticky(EVERYONE, s, i);
			if (m) {
				emit(pill('everyone', `@${m[1]}`));
				i += m[0].length;
				continue;
			}
		}
		text += c;
		i++;
	}
	flush();
	return out;
}

/** The URL as the browser will read it from the attribute (only our own five entities occur). */
function unescapeUrl(escaped: string): string {
	return escaped
		.replace(/&lt;|&gt;|&quot;|&#39;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[e] as string)
		.replace(/&amp;/g, '&');
}

/** `escapedUrl` is still escaped, so it is safe inside the quoted attributes. */
function link(escapedUrl: string, labelHtml: string): string {
	return `<a class="dc-link" href="${escapedUrl}" title="${escapedUrl}" target="_blank" rel="noopener noreferrer nofollow">${labelHtml}</a>`;
}

function mention(s: string, i: number, o: InlineOptions): { html: string; length: number } | null {
	let m = sticky(USER, s, i);
	if (m) {
		const name = o.mentions.user(m[1] as string);
		return {
			html:
				name === null
					? pill('unknown', `@${renderLabels(o.time.locale).unknownUser}`)
					: pill('user', `@${escapeText(name)}`),
			length: m[0].length,
		};
	}
	m = sticky(ROLE, s, i);
	if (m) {
		const role = o.mentions.role(m[1] as string);
		if (!role) return { html: pill('unknown', `@${renderLabels(o.time.locale).unknownRole}`), length: m[0].length };
		const color = role.color ? hexColor(role.color) : null;
		const style = color ? ` style="--dc-role: ${color}"` : '';
		return {
			html: `<span class="dc-mention dc-role"${style}>@${escapeText(role.name)}</span>`,
			length: m[0].length,
		};
	}
	m = sticky(CHANNEL, s, i);
	if (m) {
		const name = o.mentions.channel(m[1] as string);
		return {
			html:
				name === null
					? pill('unknown', `#${renderLabels(o.time.locale).unknownChannel}`)
					: pill('channel', `#${escapeText(name)}`),
			length: m[0].length,
		};
	}
	m = sticky(EMOJI, s, i);
	if (m) return { html: `<span class="dc-emoji" title=":${m[2]}:">:${m[2]}:</span>`, length: m[0].length };
	m = sticky(TIMESTAMP, s, i);
	if (m) {
		const date = new Date(Number(m[1]) * 1000);
		const text = formatTimestamp(date, m[2], o.time);
		if (text === null) return null;
		return {
			html: `<time class="dc-timestamp" datetime="${date.toISOString()}" title="${escapeText(fullTime(date, o.time))}">${escapeText(text)}</time>`,
			length: m[0].length,
		};
	}
	m = sticky(COMMAND, s, i);
	if (m) return { html: pill('command', `/${m[1]}`), length: m[0].length };
	m = sticky(ANGLE_LINK, s, i);
	if (m && safeUrl(unescapeUrl(m[1] as string)))
		return { html: link(m[1] as string, m[1] as string), length: m[0].length };
	return null;
}

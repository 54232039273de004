import { escapeHtml } from './escape.ts';
import { type InlineOptions, renderInline } from './inline.ts';
import { renderLabels } from './labels.ts';
import type { MentionResolver } from './mentions.ts';
import type { TimeOptions } from './timestamps.ts';

export interface MarkdownOptions {
	mentions: MentionResolver;
	time: TimeOptions;
	/** Headings, lists, block quotes and code blocks (message content, embed descriptions, field values). */
	blocks?: boolean;
	links?: boolean;
	/** Longer input is cut (Discord's own limits are 2,000 and 4,096); the cut is shown. */
	maxLength?: number;
}

const DEFAULT_MAX = 6000;
const HEADING = /^(#{1,3}) (.+)$/;
const SUBTEXT = /^-# (.+)$/;
const LIST_ITEM = /^( *)([-*]|\d{1,9}\.) (.*)$/;
const QUOTE = /^&gt; (.*)$/;
const QUOTE_REST = /^&gt;&gt;&gt;(?: |$)/;
const CODE_LANG = /^[a-z0-9_+\-.#]{1,32}$/i;

/**
 * Discord's markdown as HTML. The text is escaped FIRST, so nothing from it can become markup; the
 * parser then only adds the elements it writes itself (and links whose target is http(s)).
 */
export function renderMarkdown(raw: string, options: MarkdownOptions): string {
	const max = options.maxLength ?? DEFAULT_MAX;
	const cut = raw.length > max;
	const text = escapeHtml(cut ? raw.slice(0, max) : raw);
	const inline: InlineOptions = { mentions: options.mentions, time: options.time, links: options.links ?? true };
	const html = options.blocks === false ? renderInline(text, inline) : renderBlocks(text, inline);
	return cut ? `${html}<span class="dc-cut">… ${escapeHtml(renderLabels(options.time.locale).truncated)}</span>` : html;
}

/** Code blocks first (their content is never parsed), then the lines between them. */
function renderBlocks(s: string, o: InlineOptions): string {
	let out = '';
	let at = 0;
	while (at < s.length) {
		const open = s.indexOf('```', at);
		const close = open === -1 ? -1 : s.indexOf('```', open + 3);
		if (close === -1) {
			if (at < s.length) out += renderLines(s.slice(at), o, true);
			break;
		}
		// The code block starts its own line: the newline before it is not a blank line.
		const before = s.slice(at, open).replace(/\n$/, '');
		if (before) out += renderLines(before, o, true);
		out += codeBlock(s.slice(open + 3, close));
		at = close + 3;
		if (s[at] === '\n') at++;
	}
	return out;
}

function codeBlock(body: string): string {
	const newline = body.indexOf('\n');
	const first = newline === -1 ? '' : body.slice(0, newline);
	const hasLang = CODE_LANG.test(first) && body.slice(newline + 1).trim() !== '';
	const code = (hasLang ? body.slice(newline + 1) : body).replace(/^\n+|\n+$/g, '');
	const lang = hasLang ? ` data-lang="${first}"` : '';
	return `<pre class="dc-codeblock"${lang}><code>${code}</code></pre>`;
}

/** Line-level blocks; `quotes` is false inside a quote (Discord does not nest them). */
function renderLines(s: string, o: InlineOptions, quotes: boolean): string {
	const lines = s.split('\n');
	let out = '';
	let paragraph: string[] = [];
	const flush = () => {
		if (paragraph.length) out += `<span class="dc-text">${renderInline(paragraph.join('\n'), o)}</span>`;
		paragraph = [];
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] as string;
		if (quotes && QUOTE_REST.test(line)) {
			flush();
			const rest = [line.replace(QUOTE_REST, ''), ...lines.slice(i + 1)].join('\n');
			out += `<blockquote class="dc-quote">${renderLines(rest, o, false)}</blockquote>`;
			return out;
		}
		if (quotes && QUOTE.test(line)) {
			flush();
			const quoted: string[] = [];
			while (i < lines.length && QUOTE.test(lines[i] as string) && !QUOTE_REST.test(lines[i] as string))
				quoted.push((lines[i++] as string).replace(QUOTE, '$1'));
			i--;
			out += `<blockquote class="dc-quote">${renderLines(quoted.join('\n'), o, false)}</blockquote>`;
			continue;
		}
		const heading = HEADING.exec(line);
		if (heading) {
			flush();
			const level = (heading[1] as string).length;
			out += `<h${level} class="dc-h${level}">${renderInline(heading[2] as string, o)}</h${level}>`;
			continue;
		}
		const subtext = SUBTEXT.exec(line);
		if (subtext) {
			flush();
			out += `<small class="dc-subtext">${renderInline(subtext[1] as string, o)}</small>`;
			continue;
		}
		if (LIST_ITEM.test(line)) {
			flush();
			const items: string[] = [];
			while (i < lines.length && LIST_ITEM.test(lines[i] as string)) items.push(lines[i++] as string);
			i--;
			out += renderList(items, o);
			continue;
		}
		paragraph.push(line);
	}
	flush();
	return out;
}

interface ListNode {
	indent: number;
	ordered: boolean;
	start: number;
	items: { html: string; children: ListNode[] }[];
}

/** Consecutive list lines; a deeper indent opens a nested list under the previous item. */
function renderList(lines: string[], o: InlineOptions): string {
	const roots: ListNode[] = [];
	const stack: ListNode[] = [];
	for (const line of lines) {
		const m = LIST_ITEM.exec(line) as RegExpExecArray;
		const indent = (m[1] as string).length;
		const ordered = m[2] !== '-' && m[2] !== '*';
		const html = renderInline(m[3] as string, o);
		const last = () => stack[stack.length - 1] as ListNode;
		// A shallower line closes lists; so does a switch between "-" and "1." at the same depth.
		while (stack.length && (last().indent > indent || (last().indent === indent && last().ordered !== ordered)))
			stack.pop();
		const top = stack[stack.length - 1];
		const parent = top?.items[top.items.length - 1];
		// Nesting stops at the depth Discord shows; deeper lines join the deepest list.
		if (!top || (parent && indent > top.indent && stack.length < 4)) {
			const node: ListNode = { indent, ordered, start: Number.parseInt(m[2] as string, 10) || 1, items: [] };
			if (parent) parent.children.push(node);
			else roots.push(node);
			stack.push(node);
		}
		(stack[stack.length - 1] as ListNode).items.push({ html, children: [] });
	}
	return roots.map(listHtml).join('');
}

function listHtml(node: ListNode): string {
	const tag = node.ordered ? 'ol' : 'ul';
	const start = node.ordered && node.start !== 1 ? ` start="${node.start}"` : '';
	const items = node.items.map((item) => `<li>${item.html}${item.children.map(listHtml).join('')}</li>`).join('');
	return `<${tag} class="dc-list"${start}>${items}</${tag}>`;
}

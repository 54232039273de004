import { describe, expect, it } from 'vitest';
import { ViewRegistry } from '../../src/core/views/view-registry.ts';
import { renderMarkdown } from '../../src/dashboard/discord-render/markdown.ts';
import type { MentionResolver } from '../../src/dashboard/discord-render/mentions.ts';
import type { DiscordMessageInput } from '../../src/dashboard/discord-render/message-input.ts';
import { discordMessageView } from '../../src/dashboard/discord-render/message-view.ts';

const WALKER = '111111111111111111';
const WELCOME = '222222222222222222';
const MEMBER_ROLE = '333333333333333333';
const STRANGER = '999999999999999999';

const mentions: MentionResolver = {
	user: (id) => (id === WALKER ? 'walker' : null),
	role: (id) => (id === MEMBER_ROLE ? { name: 'Member', color: 0x2ecc71 } : null),
	channel: (id) => (id === WELCOME ? 'welcome' : null),
};
const now = new Date('2026-11-28T16:20:00Z');
const time = { now, locale: 'en-US', timeZone: 'UTC' };
const md = (text: string, extra: Partial<Parameters<typeof renderMarkdown>[1]> = {}) =>
	renderMarkdown(text, { mentions, time, ...extra });

const views = new ViewRegistry();
const render = (input: DiscordMessageInput) =>
	views.renderCore('partials/discord-message', discordMessageView(input, { mentions, now }));

/** Every tag the output opens, by name: hostile input must never add one. */
const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]);

describe('Discord markdown', () => {
	it('shows user, channel and role mentions as pills with their names, never as <@id>', () => {
		const html = md(`Hi <@${WALKER}> and <@!${WALKER}>, see <#${WELCOME}>, you are <@&${MEMBER_ROLE}>`);
		expect(html).toContain('<span class="dc-mention dc-user">@walker</span>');
		expect(html.match(/@walker/g)).toHaveLength(2);
		expect(html).toContain('<span class="dc-mention dc-channel">#welcome</span>');
		expect(html).toContain('<span class="dc-mention dc-role" style="--dc-role: #2ecc71">@Member</span>');
		expect(html).not.toMatch(/&lt;[@#]/);
	});

	it('shows mentions of ids that are not in the server neutrally, as Discord does', () => {
		const html = md(`<@${STRANGER}> <#${STRANGER}> <@&${STRANGER}>`);
		expect(html).toBe(
			'<span class="dc-text"><span class="dc-mention dc-unknown">@unknown-user</span> <span class="dc-mention dc-unknown">#unknown</span> <span class="dc-mention dc-unknown">@deleted-role</span></span>',
		);
		expect(html).not.toContain(STRANGER);
	});

	it('escapes names that come from the server (a member called <b>)', () => {
		const html = md(`<@${WALKER}>`, { mentions: { ...mentions, user: () => '<b onclick="x">' } });
		expect(html).toContain('@&lt;b onclick=&quot;x&quot;&gt;');
		expect(tags(html)).toEqual(['span', 'span']);
	});

	it('renders bold, italic, underline, strike, inline code and spoilers, nested too', () => {
		expect(md('**b** *i* _i_ __u__ ~~s~~ `c` ||secret||')).toBe(
			'<span class="dc-text"><strong>b</strong> <em>i</em> <em>i</em> <u>u</u> <s>s</s> <code class="dc-code">c</code> <span class="dc-spoiler" tabindex="0" title="Spoiler">secret</span></span>',
		);
		expect(md('***both***')).toBe('<span class="dc-text"><strong><em>both</em></strong></span>');
		expect(md('__*~~||x||~~*__')).toBe(
			'<span class="dc-text"><u><em><s><span class="dc-spoiler" tabindex="0" title="Spoiler">x</span></s></em></u></span>',
		);
		expect(md('snake_case_name and 2*3*4')).toBe('<span class="dc-text">snake_case_name and 2<em>3</em>4</span>');
		expect(md('\\*not italic\\*')).toBe('<span class="dc-text">*not italic*</span>');
		expect(md('`<@111111111111111111> **x**`')).toBe(
			'<span class="dc-text"><code class="dc-code">&lt;@111111111111111111&gt; **x**</code></span>',
		);
	});

	it('renders headings, subtext, lists, quotes and code blocks as blocks', () => {
		expect(md('# Big\n## Mid\n### Small\n-# fine print')).toBe(
			'<h1 class="dc-h1">Big</h1><h2 class="dc-h2">Mid</h2><h3 class="dc-h3">Small</h3><small class="dc-subtext">fine print</small>',
		);
		expect(md('- one\n- two\n  - nested\n3. three')).toBe(
			'<ul class="dc-list"><li>one</li><li>two<ul class="dc-list"><li>nested</li></ul></li></ul><ol class="dc-list" start="3"><li>three</li></ol>',
		);
		expect(md('> quoted **bold**\n> more\nafter')).toBe(
			'<blockquote class="dc-quote"><span class="dc-text">quoted <strong>bold</strong>\nmore</span></blockquote><span class="dc-text">after</span>',
		);
		expect(md('before\n>>> all\nof this')).toBe(
			'<span class="dc-text">before</span><blockquote class="dc-quote"><span class="dc-text">all\nof this</span></blockquote>',
		);
		expect(md('```js\nconst a = "<b>";\n```\nafter')).toBe(
			'<pre class="dc-codeblock" data-lang="js"><code>const a = &quot;&lt;b&gt;&quot;;</code></pre><span class="dc-text">after</span>',
		);
		expect(md('# not a heading', { blocks: false })).toBe('# not a heading');
		// Discord wants the space: ">>hello" and "#tag" stay text.
		expect(md('>>hello\n#tag')).toBe('<span class="dc-text">&gt;&gt;hello\n#tag</span>');
	});

	it('links masked links and bare URLs that are http(s) only, with a safe rel', () => {
		expect(md('[the docs](https://example.com/a?b=1&c=2)')).toBe(
			'<span class="dc-text"><a class="dc-link" href="https://example.com/a?b=1&amp;c=2" title="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">the docs</a></span>',
		);
		expect(md('see https://example.com/x.')).toContain('href="https://example.com/x"');
		expect(md('<https://example.com/quiet>')).toContain('href="https://example.com/quiet"');
		expect(md('[a](https://x.example)', { links: false })).toBe('<span class="dc-text">[a](https://x.example)</span>');
	});

	it('formats <t:…> timestamps in the given zone and styles', () => {
		expect(md('<t:1764346800:f>')).toContain('>November 28, 2025 at 4:20 PM</time>');
		expect(md('<t:1764346800:d>')).toContain('>11/28/2025</time>');
		expect(md(`<t:${now.getTime() / 1000 - 7200}:R>`)).toContain('>2 hours ago</time>');
		expect(md('<t:99999999999999>')).toBe('<span class="dc-text">&lt;t:99999999999999&gt;</span>');
	});
});

describe('hostile input', () => {
	it('never lets raw HTML through: scripts, tags and entities stay text', () => {
		const html = md('<script>alert(1)</script><img src=x onerror=alert(1)> &lt;b&gt; **<i>**');
		expect(tags(html)).toEqual(['span', 'strong']);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&amp;lt;b&amp;gt;');
	});

	it('refuses link targets that are not http(s), leaving the text as typed', () => {
		for (const target of [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:x',
			'//evil.example/x',
			'/relative',
			'java\tscript:alert(1)',
		]) {
			const html = md(`[click](${target})`);
			expect(tags(html), target).toEqual(['span']);
			expect(html).toContain('[click]');
		}
	});

	it('cannot break out of the href attribute of a masked link', () => {
		const html = md('[x](https://a.example/"onmouseover="alert(1)) [y](https://a.example/\'onfocus=\'alert(1))');
		for (const a of html.match(/<a [^>]*>/g) ?? [])
			expect(a).toMatch(
				/^<a class="dc-link" href="[^"<>]*" title="[^"<>]*" target="_blank" rel="noopener noreferrer nofollow">$/,
			);
		expect(html).not.toMatch(/"\s*on\w+=/);
	});

	it('bounds deeply nested markup instead of recursing without end', () => {
		const html = md(`${'||~~__**'.repeat(300)}x${'**__~~||'.repeat(300)}`);
		let depth = 0;
		let deepest = 0;
		for (const m of html.matchAll(/<(\/?)[a-z]/g)) {
			depth += m[1] ? -1 : 1;
			deepest = Math.max(deepest, depth);
		}
		expect(depth).toBe(0);
		expect(deepest).toBeLessThanOrEqual(10);
		expect(html).toContain('x');
	});

	it('cuts very long input, says so, and still renders the part it shows', () => {
		const html = md(`**start** ${'a *b '.repeat(40_000)}`);
		expect(html.startsWith('<span class="dc-text"><strong>start</strong>')).toBe(true);
		expect(html).toContain('(cut here: too long to show)');
		expect(html.length).toBeLessThan(10_000);
	});

	it('renders unmatched delimiters as typed', () => {
		expect(md('** __ ~~ || ` *a _b')).toBe('<span class="dc-text">** __ ~~ || ` *a _b</span>');
	});
});

describe('the message partial', () => {
	it('says its own words in the page language: unknown mentions, "Today at", the cut', () => {
		const es = { now, locale: 'es-ES', timeZone: 'UTC' };
		expect(renderMarkdown(`<@${STRANGER}> <#${STRANGER}> <@&${STRANGER}>`, { mentions, time: es })).toBe(
			'<span class="dc-text"><span class="dc-mention dc-unknown">@usuario-desconocido</span> <span class="dc-mention dc-unknown">#desconocido</span> <span class="dc-mention dc-unknown">@rol-eliminado</span></span>',
		);
		expect(renderMarkdown('a'.repeat(20), { mentions, time: es, maxLength: 10 })).toContain(
			'(cortado aquí: demasiado largo para mostrarlo)',
		);
		const view = discordMessageView(
			{ author: { id: WALKER, name: '', bot: true }, timestamp: '2026-11-28T15:00:00Z', content: 'hola' },
			{ mentions, now, locale: 'es-ES' },
		);
		expect(view.author.name).toBe('usuario-desconocido');
		expect(view.time?.text).toBe('Hoy a las 15:00');
	});

	it('draws the author with the APP badge, the time and the content, all escaped', () => {
		const html = render({
			id: '123456789012345678',
			author: { id: WALKER, name: 'Foyer <script>', bot: true },
			timestamp: '2026-11-28T15:00:00Z',
			content: `Welcome <@${WALKER}> to **Foyer Demo**!`,
		});
		expect(html).toContain('<strong class="dc-author">Foyer &lt;script&gt;</strong> <span class="dc-app">APP</span>');
		expect(html).toContain('<time class="dc-time" datetime="2026-11-28T15:00:00.000Z"');
		expect(html).toContain('>Today at 3:00 PM</time>');
		expect(html).toContain('Welcome <span class="dc-mention dc-user">@walker</span> to <strong>Foyer Demo</strong>!');
		expect(html).not.toContain('<script');
		// No avatar image: the default avatar, the name's initial on a colour picked from the id.
		expect(html).toMatch(
			/<span class="dc-avatar dc-avatar-default" style="background: #[0-9a-f]{6}" aria-hidden="true">F<\/span>/,
		);
	});

	it('draws an embed as a card: colour bar, author, linked title, description, fields, images, footer, time', () => {
		const html = render({
			author: { name: 'Foyer', bot: true },
			embeds: [
				{
					color: 0x5865f2,
					author: { name: 'Greeter', icon_url: 'https://cdn.example/a.png' },
					title: 'Welcome **in**',
					url: 'https://example.com/rules',
					description: `Read <#${WELCOME}>\n- one\n- two`,
					fields: [
						{ name: 'Members', value: '**42**', inline: true },
						{ name: 'Role', value: `<@&${MEMBER_ROLE}>`, inline: true },
					],
					thumbnail: { url: 'https://cdn.example/t.png' },
					image: { url: 'javascript:alert(1)' },
					footer: { text: 'Foyer <b>', icon_url: 'data:image/png;base64,AAAA' },
					timestamp: '2026-11-27T10:00:00Z',
				},
			],
		});
		expect(html).toContain('<div class="dc-embed" style="--dc-embed: #5865f2">');
		expect(html).toContain(
			'<img src="https://cdn.example/a.png" alt="" width="24" height="24" loading="lazy"> Greeter',
		);
		expect(html).toContain(
			'<a href="https://example.com/rules" target="_blank" rel="noopener noreferrer nofollow">Welcome <strong>in</strong></a>',
		);
		expect(html).toContain(
			'Read <span class="dc-mention dc-channel">#welcome</span></span><ul class="dc-list"><li>one</li><li>two</li></ul>',
		);
		expect(html).toContain(
			'<div class="dc-embed-field inline"><div class="dc-embed-field-name">Members</div><div class="dc-embed-field-value"><span class="dc-text"><strong>42</strong></span></div></div>',
		);
		expect(html).toContain('@Member');
		expect(html).toContain('<img class="dc-embed-thumbnail" src="https://cdn.example/t.png"');
		expect(html).not.toContain('javascript:');
		expect(html).not.toContain('data:image');
		expect(html).toContain('<span>Foyer &lt;b&gt;</span> • <time datetime="2026-11-27T10:00:00.000Z"');
		expect(html).toContain('>Yesterday at 10:00 AM</time>');
	});

	it('draws buttons and Components V2 containers; link buttons only to http(s)', () => {
		const html = render({
			author: { name: 'Foyer', bot: true },
			components: [
				{
					type: 1,
					components: [
						{ type: 2, style: 1, label: 'Verify', custom_id: 'v' },
						{ type: 2, style: 5, label: 'Rules', url: 'https://example.com' },
						{ type: 2, style: 5, label: 'Evil', url: 'javascript:alert(1)' },
						{ type: 2, style: 4, label: '<b>x</b>', custom_id: 'd', disabled: true },
					],
				},
				{
					type: 17,
					accent_color: 0xff0000,
					components: [
						{ type: 10, content: `## Hello <@${WALKER}>` },
						{ type: 14 },
						{ type: 9, components: [{ type: 10, content: 'side' }], accessory: { type: 2, style: 2, label: 'Go' } },
					],
				},
				{ type: 99, content: 'unknown types are skipped' },
				'not an object',
			],
		});
		expect(html).toContain('<span class="dc-button primary"> Verify</span>');
		expect(html).toContain('<a class="dc-button link" href="https://example.com"');
		expect(html).toContain('<span class="dc-button link"> Evil</span>');
		expect(html).toContain('<span class="dc-button danger disabled"> &lt;b&gt;x&lt;/b&gt;</span>');
		expect(html).toContain('<div class="dc-container" style="--dc-embed: #ff0000">');
		expect(html).toContain('<h2 class="dc-h2">Hello <span class="dc-mention dc-user">@walker</span></h2>');
		expect(html).toContain('<div class="dc-accessory"><span class="dc-button secondary"> Go</span></div>');
		expect(html).not.toContain('javascript:');
		expect(html).not.toContain('unknown types');
	});
});

import { describe, expect, it } from 'vitest';
import { memberText } from '../../src/core/templates/member-text.ts';
import { type TemplateContext, TemplateEngine } from '../../src/core/templates/template-engine.ts';

const ctx = (over: Partial<TemplateContext> = {}): TemplateContext => ({
	member: { id: '111111111111111111', username: 'ana', displayName: 'Ana', avatarUrl: 'https://cdn.example/a.png' },
	guild: { id: '222222222222222222', name: 'My Server', memberCount: 1234, rulesChannelId: '333333333333333333' },
	...over,
});

describe('message templates', () => {
	it('renders the twelve placeholders', () => {
		const engine = new TemplateEngine();
		const all =
			'%member_mention%|%member_name%|%member_tag%|%member_id%|%guild_name%|%member_count%|%inviter%|%inviter_mention%|%invite_count%|%server_rules%|%verification_emoji%|%member_avatar%';
		const out = engine.render(all, ctx({ inviter: { id: '444444444444444444', name: 'Bea', inviteCount: 42 } }));
		expect(out.content).toBe(
			'<@111111111111111111>|Ana|ana|111111111111111111|My Server|1,234|Bea|<@444444444444444444>|42|<#333333333333333333>|✅|https://cdn.example/a.png',
		);
		expect(out.allowedMentions).toEqual({ parse: [], users: ['111111111111111111', '444444444444444444'], roles: [] });
		expect(engine.list()).toHaveLength(12);
	});

	it('renders inviter placeholders neutrally without invite data, and lets a plugin replace then restore them', () => {
		const engine = new TemplateEngine();
		expect(engine.render('%inviter% %inviter_mention% %invite_count%', ctx()).content).toBe('someone someone 0');
		const restore = engine.register('invite_count', { description: 'x', example: '7', render: () => '7' });
		expect(engine.render('%invite_count%', ctx()).content).toBe('7');
		restore();
		expect(engine.render('%invite_count%', ctx()).content).toBe('0');
	});

	it('reports unknown placeholders instead of dropping them', () => {
		const engine = new TemplateEngine();
		expect(engine.unknownIn('Hi %member_name% %membr_name% %nope% %nope%')).toEqual(['membr_name', 'nope']);
		const out = engine.render('Hi %membr_name%', ctx());
		expect(out.content).toBe('Hi %membr_name%');
		expect(out.unknown).toEqual(['membr_name']);
	});

	it('makes member-controlled names inert: no markdown, no mentions, no pings', () => {
		const engine = new TemplateEngine();
		const out = engine.render(
			'Welcome %member_name% to %guild_name%',
			ctx({
				member: { id: '1', username: 'x', displayName: '@everyone **bold** <@&555555555555555555>' },
				guild: { id: '2', name: '<@1> __x__', memberCount: 1 },
			}),
		);
		expect(out.content).not.toMatch(/@everyone|<@&|<@1>/);
		expect(out.content).toContain('\\*\\*bold\\*\\*');
		expect(out.allowedMentions.users).toEqual([]);
		expect(memberText('@here')).toBe('@\u200bhere');
	});
});

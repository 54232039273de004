import { memberText } from './member-text.ts';

export interface TemplateContext {
	member: {
		id: string;
		username: string;
		displayName?: string | null;
		discriminator?: string | null;
		avatarUrl?: string | null;
	};
	guild: { id: string; name: string; memberCount: number; rulesChannelId?: string | null };
	inviter?: { id: string; name: string; inviteCount: number } | null;
	verificationEmoji?: string;
	/** Anything a plugin-registered placeholder needs. */
	extra?: Record<string, unknown>;
}

export interface Placeholder {
	description: string;
	example: string;
	/** The replacement, already safe to put in a message (escape member text with memberText). */
	render(ctx: TemplateContext): string;
	/** Users this placeholder mentions on purpose; only they may be pinged. */
	mentions?(ctx: TemplateContext): string[];
}

export interface RenderResult {
	content: string;
	/** Pass as the message's allowed_mentions: only the users the template mentions on purpose. */
	allowedMentions: { parse: []; users: string[]; roles: [] };
	/** `%names%` the engine does not know, left in the text as written. */
	unknown: string[];
}

const PLACEHOLDER = /%([a-z_]+)%/g;

/**
 * Adds to a member's template context what only a plugin knows (the invites plugin: who invited
 * them). It may wait for its answer, within the engine's time limit; null adds nothing.
 */
export type ContextProvider = (member: {
	id: string;
	guild: { id: string };
}) => Promise<Partial<TemplateContext> | null> | Partial<TemplateContext> | null;

/** How long a message waits for a context provider before it is sent with the neutral fallbacks. */
const CONTEXT_TIMEOUT_MS = 5_000;

/**
 * The `%placeholder%` templates of join, leave and DM messages. The twelve built-ins are always
 * there; a plugin can register more or replace a fallback (the invite plugin provides the inviter
 * ones, which render neutrally until it is loaded).
 */
export class TemplateEngine {
	readonly #placeholders = new Map<string, Placeholder>();
	readonly #contexts = new Set<ContextProvider>();

	constructor() {
		for (const [name, p] of Object.entries(BUILT_INS)) this.#placeholders.set(name, p);
	}

	register(name: string, placeholder: Placeholder): () => void {
		if (!/^[a-z_]+$/.test(name)) throw new Error(`Placeholder names are lowercase letters and underscores: ${name}`);
		const previous = this.#placeholders.get(name);
		this.#placeholders.set(name, placeholder);
		// Unregistering puts back what was there (the built-in fallback), so unloading a plugin is clean.
		return () => {
			if (this.#placeholders.get(name) !== placeholder) return;
			if (previous) this.#placeholders.set(name, previous);
			else this.#placeholders.delete(name);
		};
	}

	/** Registers a context provider; the returned function removes it. */
	provideContext(provider: ContextProvider): () => void {
		this.#contexts.add(provider);
		return () => this.#contexts.delete(provider);
	}

	/**
	 * What the providers add for a member, each within the time limit; a provider that fails or is
	 * too slow adds nothing, so the message goes out with the neutral fallbacks ("someone") rather than never.
	 */
	async resolveContext(
		member: Parameters<ContextProvider>[0],
		timeoutMs = CONTEXT_TIMEOUT_MS,
	): Promise<Partial<TemplateContext>> {
		if (this.#contexts.size === 0) return {};
		const parts = await Promise.all(
			[...this.#contexts].map(async (provider) => {
				let timer: NodeJS.Timeout | undefined;
				const late = new Promise<null>((resolve) => {
					timer = setTimeout(() => resolve(null), timeoutMs);
				});
				try {
					return await Promise.race([Promise.resolve().then(() => provider(member)), late]);
				} catch {
					return null;
				} finally {
					clearTimeout(timer);
				}
			}),
		);
		const out: Partial<TemplateContext> = {};
		for (const part of parts) {
			if (!part) continue;
			// `extra` is shared by every provider's placeholders: merged, so one provider cannot hide another's.
			const extra = out.extra || part.extra ? { ...out.extra, ...part.extra } : undefined;
			Object.assign(out, part);
			if (extra) out.extra = extra;
		}
		return out;
	}

	list(): { name: string; description: string; example: string }[] {
		return [...this.#placeholders].map(([name, p]) => ({ name, description: p.description, example: p.example }));
	}

	/** The placeholders of a template the engine does not know (for the live preview). */
	unknownIn(template: string): string[] {
		return [
			...new Set(
				[...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((n) => !this.#placeholders.has(n)),
			),
		];
	}

	render(template: string, ctx: TemplateContext): RenderResult {
		const users = new Set<string>();
		const unknown = new Set<string>();
		// Whatever the admin typed as raw mentions stays text but cannot ping: only placeholders add users.
		const content = template.replace(PLACEHOLDER, (whole, name: string) => {
			const p = this.#placeholders.get(name);
			if (!p) {
				unknown.add(name);
				return whole;
			}
			for (const id of p.mentions?.(ctx) ?? []) users.add(id);
			try {
				return p.render(ctx);
			} catch {
				return '[?]';
			}
		});
		return { content, allowedMentions: { parse: [], users: [...users], roles: [] }, unknown: [...unknown] };
	}
}

const BUILT_INS: Record<string, Placeholder> = {
	member_mention: {
		description: 'Mentions the member',
		example: '@Ana',
		render: (c) => `<@${c.member.id}>`,
		mentions: (c) => [c.member.id],
	},
	member_name: {
		description: "The member's display name",
		example: 'Ana',
		render: (c) => memberText(c.member.displayName || c.member.username),
	},
	member_tag: {
		description: "The member's username (with #tag for legacy accounts)",
		example: 'ana',
		render: (c) =>
			memberText(
				c.member.discriminator && c.member.discriminator !== '0'
					? `${c.member.username}#${c.member.discriminator}`
					: c.member.username,
			),
	},
	member_id: { description: "The member's id", example: '123456789012345678', render: (c) => c.member.id },
	guild_name: { description: 'The server name', example: 'My Server', render: (c) => memberText(c.guild.name) },
	member_count: {
		description: 'Members now',
		example: '1,234',
		render: (c) => c.guild.memberCount.toLocaleString('en-US'),
	},
	inviter: {
		description: 'Who invited the member (invite tracking)',
		example: 'Bea',
		render: (c) => (c.inviter ? memberText(c.inviter.name) : 'someone'),
	},
	inviter_mention: {
		description: 'Mentions who invited the member (invite tracking)',
		example: '@Bea',
		render: (c) => (c.inviter ? `<@${c.inviter.id}>` : 'someone'),
		mentions: (c) => (c.inviter ? [c.inviter.id] : []),
	},
	invite_count: {
		description: "The inviter's invites (invite tracking)",
		example: '42',
		render: (c) => (c.inviter ? String(c.inviter.inviteCount) : '0'),
	},
	server_rules: {
		description: 'Link to the rules channel',
		example: '#rules',
		render: (c) => (c.guild.rulesChannelId ? `<#${c.guild.rulesChannelId}>` : 'the rules'),
	},
	verification_emoji: {
		description: 'The verification emoji',
		example: '✅',
		render: (c) => c.verificationEmoji ?? '✅',
	},
	member_avatar: {
		description: "The member's avatar URL",
		example: 'https://cdn.discordapp.com/...',
		render: (c) => c.member.avatarUrl ?? '',
	},
};

/**
 * The files `npm run plugin:new <id>` writes: a plugin with a setting, a slash command, a listener,
 * a dashboard page and a test, each the smallest working example of its kind. Biome-clean as written.
 */
export interface PluginNames {
	id: string;
	/** "Hello world" for `hello-world`. */
	title: string;
	/** "HelloWorld": the prefix of its piece classes. */
	pascal: string;
	/** The slash command: the id, cut to Discord's 32 characters. */
	command: string;
}

export function pluginNames(id: string): PluginNames {
	const words = id.split('-').filter(Boolean);
	return {
		id,
		title: words.join(' ').replace(/^./, (c) => c.toUpperCase()),
		pascal: words.map((w) => w.replace(/^./, (c) => c.toUpperCase())).join(''),
		command: id.slice(0, 32).replace(/-+$/, ''),
	};
}

export function pluginFiles(n: PluginNames): Record<string, string> {
	return {
		'plugin.ts': `import { definePlugin } from 'foyer';

export default definePlugin({
	id: '${n.id}',
	name: '${n.title}',
	version: '0.1.0',
	description: 'Greets members who run /${n.command} and counts who joins.',
	settings: {
		greeting: {
			type: 'string',
			label: 'Greeting',
			help: 'What /${n.command} says before the member’s name.',
			minLength: 1,
			maxLength: 100,
			default: 'Hello',
		},
	},
	navigation: [{ label: '${n.title}', path: '' }],
});
`,
		[`commands/${n.command}.ts`]: `import { Command } from '@sapphire/framework';
import { MessageFlags } from 'discord.js';
import plugin from '../plugin.ts';

/** \`/${n.command}\`: the greeting from the settings, and how many members joined so far. */
export class ${n.pascal}Command extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) => b.setName('${n.command}').setDescription('Say hello'));
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return interaction.reply({ content: 'Use this in a server.' });
		const { greeting } = plugin.settings(interaction.guildId);
		const { joins = 0 } = await plugin.counters.read(interaction.guildId);
		return interaction.reply({
			content: \`\${greeting}, \${interaction.member.displayName}! Members who joined so far: \${joins}.\`,
			flags: MessageFlags.Ephemeral,
			// Member names are member-controlled text: never let them ping anyone.
			allowedMentions: { parse: [] },
		});
	}
}
`,
		'listeners/member-add.ts': `import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import plugin from '../plugin.ts';

/** Counts the members who join (batched, atomic; shown by the command and the dashboard page). */
export class ${n.pascal}MemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override run(member: GuildMember) {
		plugin.counters.add(member.guild.id, 'joins');
	}
}
`,
		'routes/[guild]/index.get.ts': `import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

/** GET /${n.id}/<guild>: the plugin's page in the dashboard (login, Manage Server), with its settings form. */
export class ${n.pascal}PageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const { joins = 0 } = await plugin.counters.read(guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [{ label: 'Members who joined', value: joins }],
		});
	}
}
`,
		[`test/${n.id}.test.ts`]: `import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

describeOnBackends('${n.title} plugin', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('answers /${n.command} with the greeting from its settings', async () => {
		expect((await h.command(h.demo.memberId, '${n.command}')).content).toBe(
			'Hello, Demo Member! Members who joined so far: 0.',
		);
		expect((await plugin.updateSettings(h.guildId, { greeting: 'Welcome' })).ok).toBe(true);
		const reply = await h.command(h.demo.memberId, '${n.command}');
		expect(reply.content).toMatch(/^Welcome, Demo Member!/);
		expect(reply.ephemeral).toBe(true);
	});

	it('counts members who join, and shows the count on its dashboard page', async () => {
		await h.join('first');
		await h.join('second');
		await h.waitFor(async () => (await plugin.counters.read(h.guildId)).joins === 2, 'two joins counted');
		const page = await (await h.dashboard()).page(\`/\${plugin.id}/\${h.guildId}\`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<dt>Members who joined</dt><dd>2</dd>');
	});

	it('keeps working after a hot reload', async () => {
		await h.reload(plugin.id);
		expect((await h.command(h.demo.memberId, '${n.command}')).content).toMatch(/Members who joined so far: 2\\.$/);
	});
});
`,
	};
}

import { container } from '@sapphire/framework';
import { VerificationGateMessage } from '../entities/gate-message.ts';
import plugin from '../plugin.ts';
import { syncGateMessage } from './_gate-message.ts';

// The verification message follows the settings: saved settings, the plugin switched on or off in a
// guild, the server's new language (its words and default text), and every start or reload (a
// message deleted while Foyer was down is posted again).
plugin.onChange(async (change) => {
	const guilds = container.client.guilds.cache;
	if (change.kind !== 'loaded') {
		const guild = guilds.get(change.guildId);
		if (guild) await syncGateMessage(guild);
		return;
	}
	const posted = new Set(
		(await plugin.em().find(VerificationGateMessage, {}, { fields: ['guildId'] })).map((r) => r.guildId),
	);
	for (const guild of guilds.values())
		if (posted.has(guild.id) || plugin.enabledIn(guild.id)) await syncGateMessage(guild);
});

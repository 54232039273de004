import plugin from '../plugin.ts';

// %verification_emoji% in every plugin's templates (join DMs, welcomes) is this server's emoji.
plugin.templateContext((member) =>
	plugin.enabledIn(member.guild.id) ? { verificationEmoji: plugin.settings(member.guild.id).emoji } : null,
);

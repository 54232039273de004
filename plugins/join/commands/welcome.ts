import { memberMessageCommand } from 'foyer';
import { welcomeMessage } from '../listeners/_welcome-message.ts';
import plugin from '../plugin.ts';

/** `/welcome test|channel|show`: the join message without the dashboard, for members with Manage Server. */
export class WelcomeCommand extends memberMessageCommand({
	plugin,
	command: 'welcome',
	texts: 'command',
	message: welcomeMessage,
}) {}

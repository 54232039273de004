import { memberMessageCommand } from 'foyer';
import { welcomeMessage } from '../listeners/_welcome-message.ts';
import plugin from '../plugin.ts';

/** `/welcome test|channel|show`: the join message without the dashboard, for members with Manage Server. */
export class WelcomeCommand extends memberMessageCommand({
	plugin,
	command: 'welcome',
	description: 'Welcome messages for new members',
	testDescription: 'Send the welcome message for yourself',
	noun: 'Welcome messages',
	message: welcomeMessage,
}) {}

import { memberMessageCommand } from 'foyer';
import { goodbyeMessage } from '../listeners/_goodbye-message.ts';
import plugin from '../plugin.ts';

/** `/goodbye test|channel|show`: the leave message without the dashboard, for members with Manage Server. */
export class GoodbyeCommand extends memberMessageCommand({
	plugin,
	command: 'goodbye',
	description: 'Goodbye messages when members leave',
	testDescription: 'Send the goodbye message for yourself (you stay)',
	noun: 'Goodbye messages',
	message: goodbyeMessage,
}) {}

import { memberMessageCommand } from 'foyer';
import { goodbyeMessage } from '../listeners/_goodbye-message.ts';
import plugin from '../plugin.ts';

/** `/goodbye test|channel|show`: the leave message without the dashboard, for members with Manage Server. */
export class GoodbyeCommand extends memberMessageCommand({
	plugin,
	command: 'goodbye',
	texts: 'command',
	message: goodbyeMessage,
}) {}

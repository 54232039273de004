import { memberMessageTestRoute } from 'foyer';
import { goodbyeMessage } from '../../listeners/_goodbye-message.ts';
import plugin from '../../plugin.ts';

/** "Send a test message": the goodbye, as if the admin pressing the button had left (they stay). */
export class LeaveTestRoute extends memberMessageTestRoute({ plugin, message: goodbyeMessage }) {}

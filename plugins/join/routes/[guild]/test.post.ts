import { memberMessageTestRoute } from 'foyer';
import { welcomeMessage } from '../../listeners/_welcome-message.ts';
import plugin from '../../plugin.ts';

/** "Send a test message": the welcome, as if the admin pressing the button had just joined. */
export class JoinTestRoute extends memberMessageTestRoute({ plugin, message: welcomeMessage }) {}

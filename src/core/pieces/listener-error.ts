import { Events, Listener, type ListenerErrorPayload } from '@sapphire/framework';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

/** A plugin listener threw: log it under the plugin's id. Other plugins never see it. */
export class CoreListenerErrorListener extends Listener<typeof Events.ListenerError> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.ListenerError });
	}

	override run(error: unknown, { piece }: ListenerErrorPayload) {
		this.container.log.error(
			{ plugin: pluginIdOfPiece(piece.name), piece: piece.name, event: piece.event, err: error },
			`Listener ${piece.name} failed`,
		);
	}
}

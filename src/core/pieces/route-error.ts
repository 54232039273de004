import { Listener } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

/**
 * A plugin route threw: log it under the plugin id and answer a plain 500. (plugin-api's default
 * handler logs it as fatal and sends the error message to the browser.)
 */
export class CoreRouteErrorListener extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { emitter: 'server', event: 'routeError' });
	}

	override run(error: unknown, request: ApiRequest, response: ApiResponse) {
		const name = (request.route as { name?: string } | null | undefined)?.name ?? '';
		this.container.log.error(
			{ plugin: pluginIdOfPiece(name), route: name, method: request.method, url: request.url, err: error },
			`Route ${name} failed`,
		);
		if (!response.writableEnded) response.status(500).json({ error: 'Internal server error' });
	}
}

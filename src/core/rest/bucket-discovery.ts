import { REST } from 'discord.js';

type QueueRequest = REST['queueRequest'];
type RouteData = { bucketRoute: string };
const routeData = (REST as unknown as { generateRouteData?: (route: string, method: string) => RouteData })
	.generateRouteData;

/**
 * discord.js picks a route's queue by the bucket hash Discord returns, which it only knows after the
 * first response. Requests made before that land in a provisional queue and later ones in the real
 * one, and the two queues run side by side against the same bucket: in a raid (hundreds of DMs or
 * role changes at once) that earns 429s. This lets one request per route through until the route's
 * first answer is back, so that every later request shares a single queue that follows the headers.
 */
export function gateBucketDiscovery(rest: REST): void {
	if (!routeData) return; // a discord.js that no longer has it: keep its own behaviour
	const original: QueueRequest = rest.queueRequest.bind(rest);
	const discovered = new Set<string>();
	const discovering = new Map<string, Promise<void>>();
	rest.queueRequest = async (request) => {
		const key = `${request.method}:${routeData(request.fullRoute, request.method).bucketRoute}`;
		for (let first = discovering.get(key); first; first = discovering.get(key)) await first;
		if (discovered.has(key) || rest.hashes.has(key)) return original(request);
		const response = original(request);
		discovering.set(
			key,
			response
				.then(
					() => undefined,
					() => undefined,
				)
				.finally(() => {
					discovered.add(key);
					discovering.delete(key);
				}),
		);
		return response;
	};
}

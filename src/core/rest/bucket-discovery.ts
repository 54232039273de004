import { REST } from 'discord.js';

type QueueRequest = REST['queueRequest'];
type RouteData = { bucketRoute: string; majorParameter: string };

/** The longest a route's first request waits for the other routes of its guild or channel to be quiet. */
const SHARED_WAIT_MS = 5_000;
const routeData = (REST as unknown as { generateRouteData?: (route: string, method: string) => RouteData })
	.generateRouteData;

/**
 * discord.js picks a route's queue by the bucket hash Discord returns, which it only knows after the
 * first response. Requests made before that land in a provisional queue and later ones in the real
 * one, and the two queues run side by side against the same bucket: in a raid (hundreds of DMs or
 * role changes at once) that earns 429s. This lets one request per route through until the route's
 * first answer is back, so that every later request shares a single queue that follows the headers.
 *
 * Routes of one resource may also share a bucket (Discord does not say which; member role PUTs and
 * member PATCHes, say): a route's very first request, sent while a sibling route of the same guild or
 * channel has exhausted that bucket, earns a 429 before discord.js can know. So that first request
 * also waits (at most SHARED_WAIT_MS) until the queues of its siblings there are idle and not limited.
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
		const route = routeData(request.fullRoute, request.method);
		const response = siblingsQuiet(rest, route).then(() => original(request));
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

/** `/guilds/:id/members/:id/roles/:id` → `/guilds/:id/members`: the resource a route acts on. */
const family = (bucketRoute: string) => bucketRoute.split('/').slice(0, 4).join('/');

async function siblingsQuiet(rest: REST, route: RouteData): Promise<void> {
	// Every route without a guild, channel or webhook shares "global": waiting on all of them is too broad.
	if (route.majorParameter === 'global') return;
	const mine = family(route.bucketRoute);
	const busy = () => {
		for (const [key, hash] of rest.hashes) {
			if (family(key.slice(key.indexOf(':') + 1)) !== mine) continue;
			const handler = rest.handlers.get(`${hash.value}:${route.majorParameter}`);
			if (handler && !handler.inactive) return true;
		}
		return false;
	};
	const deadline = Date.now() + SHARED_WAIT_MS;
	while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

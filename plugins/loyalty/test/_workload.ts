import { pointsFor } from '../_amount.ts';

/** One delivery a shop makes: the order's body (the same bytes for its retries). */
export interface Delivery {
	body: string;
	orderId: string;
	type: 'purchase' | 'refund';
	userId: string;
	/** A retry of an earlier delivery of the same order. */
	duplicate: boolean;
}

/** A small deterministic PRNG (mulberry32): the same workload on every run and backend. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * `total` deliveries over `users` buyers: `duplicates` of them retries of earlier ones, `refunds`
 * of them full or partial refunds of purchases in the set, the rest distinct purchases; shuffled,
 * so a refund may come before its purchase and a retry beside its original. `expected` is what each
 * buyer must end with (at `perUnit` points per unit): exact, whatever the order of arrival.
 */
export function workload(options: {
	total: number;
	duplicates: number;
	refunds: number;
	users: readonly string[];
	currency?: string;
	perUnit?: number;
	seed?: number;
	prefix?: string;
}) {
	const rand = random(options.seed ?? 14);
	const perUnit = options.perUnit ?? 1;
	const currency = options.currency ?? 'USD';
	const prefix = options.prefix ?? 'L';
	const purchases = options.total - options.duplicates - options.refunds;
	const expected = new Map<string, number>(options.users.map((u) => [u, 0]));
	const originals: Delivery[] = [];
	const bought: { orderId: string; userId: string; minor: number; points: number }[] = [];
	for (let i = 0; i < purchases; i++) {
		const userId = options.users[Math.floor(rand() * options.users.length)] as string;
		const minor = 100 + Math.floor(rand() * 9_900);
		const orderId = `${prefix}-${i}`;
		const points = pointsFor(minor, perUnit);
		bought.push({ orderId, userId, minor, points });
		expected.set(userId, (expected.get(userId) ?? 0) + points);
		const amount = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
		originals.push({
			body: JSON.stringify({
				type: 'purchase',
				order_id: orderId,
				user_id: userId,
				amount,
				currency,
				product_id: `p-${i % 7}`,
			}),
			orderId,
			type: 'purchase',
			userId,
			duplicate: false,
		});
	}
	for (let i = 0; i < options.refunds; i++) {
		const p = bought[i * Math.floor(purchases / options.refunds)] as (typeof bought)[number];
		const full = i % 2 === 0;
		const minor = full ? p.minor : Math.max(1, Math.floor(p.minor / 3));
		const taken = Math.floor((p.points * minor) / p.minor);
		expected.set(p.userId, (expected.get(p.userId) ?? 0) - taken);
		const amount = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
		originals.push({
			body: JSON.stringify({ type: 'refund', order_id: p.orderId, user_id: p.userId, amount, currency }),
			orderId: p.orderId,
			type: 'refund',
			userId: p.userId,
			duplicate: false,
		});
	}
	const deliveries: Delivery[] = [...originals];
	for (let i = 0; i < options.duplicates; i++)
		deliveries.push({ ...(originals[Math.floor(rand() * originals.length)] as Delivery), duplicate: true });
	for (let i = deliveries.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[deliveries[i], deliveries[j]] = [deliveries[j] as Delivery, deliveries[i] as Delivery];
	}
	return { deliveries, expected, distinctOrders: originals.length };
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				await run(items[i] as T, i);
			}
		}),
	);
}

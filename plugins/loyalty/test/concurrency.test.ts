import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totals } from '../_balances.ts';
import { signatureFor } from '../_signature.ts';
import { sqlOn } from '../_sql.ts';
import plugin from '../plugin.ts';
import { newSecret, startLoyalty } from './_harness.ts';
import { type Delivery, pool, workload } from './_workload.ts';

/**
 * What a shop does with one delivery: sign it when sending, retry until it is accepted (2xx).
 * Resolves how many attempts found Foyer down or starting (cut, refused, 503).
 */
async function send(url: () => string, secret: string, now: () => number, d: Delivery, answers: Map<string, string>) {
	let down = 0;
	for (let attempt = 0; attempt < 200; attempt++) {
		let status = 0;
		let text = '';
		try {
			const ts = Math.floor(now() / 1000);
			const response = await fetch(url(), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-foyer-timestamp': String(ts),
					'x-foyer-signature': signatureFor(secret, ts, d.body),
				},
				body: d.body,
			});
			status = response.status;
			text = await response.text();
		} catch {
			status = 0; // Foyer is restarting: the connection was refused or cut.
		}
		if (status === 200) {
			const key = `${d.type}:${d.orderId}`;
			const first = answers.get(key);
			if (first !== undefined && first !== text) throw new Error(`Two answers for ${key}: ${first} / ${text}`);
			answers.set(key, text);
			return down;
		}
		if (status === 0 || status === 503) down++;
		// A refund before its purchase (409 unknown_order), or Foyer down: a shop retries later.
		if (status !== 0 && status !== 409 && status < 500)
			throw new Error(`Delivery ${d.orderId} refused: ${status} ${text}`);
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error(`Delivery ${d.orderId} never accepted`);
}

/** The ledger and the balances agree with each other and with what the shop sent, member by member. */
async function expectExact(h: TestFoyer, expected: Map<string, number>, distinctOrders: number) {
	const sql = sqlOn(plugin.em());
	const t = await totals(h.guildId);
	const want = [...expected.values()].reduce((a, b) => a + b, 0);
	expect(t).toEqual({ ledger: want, balances: want, lines: distinctOrders });
	const [orders] = await sql('select count(*) as n from loyalty_orders where guild_id = ?', [h.guildId]);
	expect(Number(orders?.n)).toBe(distinctOrders);
	const balances = await sql('select user_id, points from loyalty_balances where guild_id = ?', [h.guildId]);
	expect(Object.fromEntries(balances.map((b) => [String(b.user_id), Number(b.points)]))).toEqual(
		Object.fromEntries(expected),
	);
	const sums = await sql('select user_id, sum(amount) as s from loyalty_ledger where guild_id = ? group by user_id', [
		h.guildId,
	]);
	for (const s of sums) expect(Number(s.s)).toBe(expected.get(String(s.user_id)));
}

describeOnBackends('purchase deliveries at once', (backend) => {
	let h: TestFoyer;
	let secret: string;
	let users: string[];

	beforeAll(async () => {
		h = await startLoyalty(backend, { invites: false });
		secret = await newSecret(h);
		users = [];
		for (let i = 0; i < 12; i++) users.push(await h.join(`buyer-${i}`));
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('1,000 deliveries (30% retries, 5% refunds), 100 in flight: every order counted exactly once, exact totals', async () => {
		const { deliveries, expected, distinctOrders } = workload({ total: 1000, duplicates: 300, refunds: 50, users });
		const answers = new Map<string, string>();
		const url = `${h.foyer.httpUrl}/loyalty/${h.guildId}/purchases`;
		await pool(deliveries, 100, async (d) => {
			await send(
				() => url,
				secret,
				() => h.clock.now(),
				d,
				answers,
			);
		});
		expect(answers.size).toBe(distinctOrders);
		await expectExact(h, expected, distinctOrders);
		const counts = await plugin.counters.read(h.guildId);
		expect({ purchases: counts.purchases, refunds: counts.refunds, repeated: counts.deliveriesRepeated }).toEqual({
			purchases: 650,
			refunds: 50,
			repeated: 300,
		});
	});

	it('a restart in the middle of deliveries loses nothing and doubles nothing', async () => {
		const { deliveries, expected, distinctOrders } = workload({
			total: 400,
			duplicates: 120,
			refunds: 20,
			users,
			seed: 7,
			prefix: 'R',
		});
		const before = await totals(h.guildId);
		const answers = new Map<string, string>();
		const url = () => `${h.foyer.httpUrl}/loyalty/${h.guildId}/purchases`;
		let restarted: Promise<void> | null = null;
		let down = 0;
		await pool(deliveries, 20, async (d, i) => {
			if (i === 150) restarted = h.restart();
			down += await send(url, secret, () => h.clock.now(), d, answers);
		});
		await restarted;
		// Deliveries were in flight or sent while Foyer was down, and were retried.
		expect(down).toBeGreaterThan(0);
		expect(answers.size).toBe(distinctOrders);
		const after = await totals(h.guildId);
		const want = [...expected.values()].reduce((a, b) => a + b, 0);
		expect({
			ledger: after.ledger - before.ledger,
			balances: after.balances - before.balances,
			lines: after.lines - before.lines,
		}).toEqual({
			ledger: want,
			balances: want,
			lines: distinctOrders,
		});
		const sums = await sqlOn(plugin.em())(
			"select user_id, sum(amount) as s from loyalty_ledger where guild_id = ? and reference like 'R-%' group by user_id",
			[h.guildId],
		);
		for (const s of sums) expect(Number(s.s)).toBe(expected.get(String(s.user_id)));
		const drift = await sqlOn(plugin.em())(
			`select b.user_id from loyalty_balances b where b.guild_id = ? and b.points <>
			 (select coalesce(sum(l.amount), 0) from loyalty_ledger l where l.guild_id = b.guild_id and l.user_id = b.user_id)`,
			[h.guildId],
		);
		expect(drift).toEqual([]);
	});
});

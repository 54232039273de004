import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totals } from '../_balances.ts';
import { signatureFor } from '../_signature.ts';
import { sqlOn } from '../_sql.ts';
import plugin from '../plugin.ts';
import { deliver, newSecret, order, startLoyalty } from './_harness.ts';

/** The purchase webhook: every bad input is a clear 4xx that writes nothing and says nothing about the secret. */
describeOnBackends('purchase webhook', (backend) => {
	let h: TestFoyer;
	let secret: string;
	let buyer: string;
	const sql = () => sqlOn(plugin.em());
	const state = async () => {
		const [orders] = await sql()('select count(*) as n from loyalty_orders');
		return { ...(await totals(h.guildId)), orders: Number(orders?.n) };
	};

	beforeAll(async () => {
		h = await startLoyalty(backend, { invites: false });
		secret = await newSecret(h);
		buyer = h.demo.memberId;
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	/** A refused delivery: its status and error code, nothing written, no trace of the secret. */
	async function refused(
		delivery: Promise<{ status: number; text: string; json: Record<string, unknown> | null }>,
		status: number,
		error: string,
	) {
		const before = await state();
		const answer = await delivery;
		expect({ status: answer.status, error: answer.json?.error }).toEqual({ status, error });
		expect(typeof answer.json?.message).toBe('string');
		expect(answer.text).not.toContain(secret);
		expect(answer.text).not.toMatch(/[0-9a-f]{64}/);
		expect(await state()).toEqual(before);
		return answer;
	}

	it('records a signed purchase once: its points, the ledger line and the balance', async () => {
		const answer = await deliver(h, order({ order_id: 'W-1', user_id: buyer, amount: '12.99', product_id: 'p-1' }), {
			secret,
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			ok: true,
			type: 'purchase',
			order_id: 'W-1',
			user_id: buyer,
			amount: '12.99',
			currency: 'USD',
			product_id: 'p-1',
			points: 12,
			recorded_at: expect.any(String),
		});
		expect(await state()).toMatchObject({ ledger: 12, balances: 12, lines: 1, orders: 1 });
	});

	it('answers a retried delivery with the original result and changes nothing, even re-serialised and re-signed later', async () => {
		const first = await deliver(h, order({ order_id: 'W-2', user_id: buyer, amount: 5 }), { secret });
		const before = await state();
		await h.clock.advance(60_000);
		const body = `{ "currency": "usd", "amount": "5.00", "user_id": "${buyer}", "order_id": "W-2", "type": "purchase" }`;
		const retry = await deliver(h, body, { secret });
		expect(retry.status).toBe(200);
		expect(retry.json).toEqual(first.json);
		expect(retry.headers.get('foyer-replayed')).toBe('true');
		expect(await state()).toEqual(before);
	});

	it('refuses the same order id with a different body: 409, nothing changed', async () => {
		await deliver(h, order({ order_id: 'W-3', user_id: buyer, amount: '20.00' }), { secret });
		await refused(
			deliver(h, order({ order_id: 'W-3', user_id: buyer, amount: '200.00' }), { secret }),
			409,
			'order_conflict',
		);
		await refused(
			deliver(h, order({ order_id: 'W-3', user_id: h.demo.adminId, amount: '20.00' }), { secret }),
			409,
			'order_conflict',
		);
	});

	it('refuses bad signatures, stale or missing timestamps, without saying anything about the secret', async () => {
		const body = order({ order_id: 'W-sig', user_id: buyer });
		const raw = JSON.stringify(body);
		const now = Math.floor(h.clock.now() / 1000);
		await refused(deliver(h, body, { secret, signature: null }), 401, 'missing_signature');
		await refused(deliver(h, body, { secret, signature: 'sha256=abc' }), 401, 'missing_signature');
		await refused(
			deliver(h, body, { secret, signature: signatureFor(secret, now, raw).replace('sha256=', 'sha1=') }),
			401,
			'missing_signature',
		);
		await refused(deliver(h, body, { secret: 'fyl_not-the-secret' }), 401, 'bad_signature');
		// Signed for another body, or another timestamp, or with the secret's prefix only.
		await refused(deliver(h, body, { secret, signature: signatureFor(secret, now, `${raw} `) }), 401, 'bad_signature');
		await refused(
			deliver(h, body, { secret, timestamp: now, signature: signatureFor(secret, now - 1, raw) }),
			401,
			'bad_signature',
		);
		await refused(deliver(h, body, { secret: secret.slice(0, 10) }), 401, 'bad_signature');
		// (Times relative to when this test started: the margins cover a slow machine.)
		await refused(deliver(h, body, { secret, timestamp: now - 320 }), 401, 'stale_timestamp');
		await refused(deliver(h, body, { secret, timestamp: now + 360 }), 401, 'stale_timestamp');
		await refused(deliver(h, body, { secret, timestamp: '' }), 400, 'missing_timestamp');
		await refused(deliver(h, body, { secret, timestamp: '17e8' }), 400, 'missing_timestamp');
		// Within the window is fine.
		expect((await deliver(h, body, { secret, timestamp: Math.floor(h.clock.now() / 1000) - 240 })).status).toBe(200);
	});

	it('refuses unknown guilds, a guild without a secret and a guild where loyalty is off with one and the same 404', async () => {
		const body = order({ order_id: 'W-guild', user_id: buyer });
		const a = await refused(deliver(h, body, { secret, guildId: 'not-a-guild' }), 404, 'unknown_webhook');
		const b = await refused(deliver(h, body, { secret, guildId: '123456789012345678' }), 404, 'unknown_webhook');
		expect(a.text).toBe(b.text);
		const other = await h.control.createGuild({ name: 'Other', owner_id: h.demo.ownerId });
		await h.waitFor(() => h.foyer.client.guilds.cache.has(String(other.id)), 'the other guild');
		const c = await refused(deliver(h, body, { secret, guildId: String(other.id) }), 404, 'unknown_webhook');
		expect(c.text).toBe(a.text);
		await h.foyer.plugins.setEnabled(plugin.id, h.guildId, false);
		try {
			const d = await refused(deliver(h, body, { secret }), 404, 'unknown_webhook');
			expect(d.text).toBe(a.text);
		} finally {
			await h.foyer.plugins.setEnabled(plugin.id, h.guildId, true);
		}
	});

	it('refuses a body larger than 16 KiB, declared or chunked, with a 413 (not a reset)', async () => {
		const big = JSON.stringify(order({ order_id: 'W-big', user_id: buyer, padding: 'x'.repeat(17_000) }));
		await refused(deliver(h, big, { secret }), 413, 'body_too_large');
		// Without a Content-Length (chunked), the limit holds while reading.
		const before = await state();
		const chunked = await fetch(`${h.foyer.httpUrl}/loyalty/${h.guildId}/purchases`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-foyer-timestamp': '1', 'x-foyer-signature': 'sha256=00' },
			body: new ReadableStream({
				start(controller) {
					for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
					controller.close();
				},
			}),
			duplex: 'half',
		} as RequestInit);
		expect(chunked.status).toBe(413);
		expect(await state()).toEqual(before);
	});

	it('refuses bodies that are not JSON, not an object, or sent as another media type', async () => {
		await refused(deliver(h, '{"type":', { secret }), 400, 'malformed_json');
		await refused(deliver(h, '[1,2]', { secret }), 400, 'malformed_json');
		await refused(deliver(h, 'null', { secret }), 400, 'malformed_json');
		await refused(
			deliver(h, order({ order_id: 'W-ct', user_id: buyer }), { secret, contentType: 'text/plain' }),
			415,
			'unsupported_media_type',
		);
	});

	it('refuses each malformed field with its own message', async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ type: 'gift' }, 'type'],
			[{ order_id: undefined }, 'order_id'],
			[{ order_id: 'has space' }, 'order_id'],
			[{ order_id: 'x'.repeat(101) }, 'order_id'],
			[{ user_id: Number('123456789012345678') }, 'user_id'], // a JSON number loses the last digits
			[{ user_id: '42' }, 'user_id'],
			[{ amount: '-5.00' }, 'amount'],
			[{ amount: 0 }, 'amount'],
			[{ amount: '1.234' }, 'amount'],
			[{ amount: 1.234 }, 'amount'],
			[{ amount: '1e3' }, 'amount'],
			[{ amount: '10000000.00' }, 'amount'],
			[{ amount: undefined }, 'amount'],
			[{ amount: null }, 'amount'],
			[{ currency: 'US' }, 'currency'],
			[{ product_id: 42 }, 'product_id'],
		];
		for (const [fields, field] of cases) {
			const answer = await refused(
				deliver(h, order({ order_id: 'W-field', user_id: buyer, ...fields }), { secret }),
				422,
				'invalid_order',
			);
			expect(Object.keys(answer.json?.fields as object), JSON.stringify(fields)).toEqual([field]);
		}
	});

	it('refuses another currency than the server counts, refunds of unknown orders, larger refunds and refunds for someone else', async () => {
		await refused(
			deliver(h, order({ order_id: 'W-eur', user_id: buyer, currency: 'EUR' }), { secret }),
			422,
			'wrong_currency',
		);
		await refused(
			deliver(h, order({ type: 'refund', order_id: 'W-none', user_id: buyer }), { secret }),
			409,
			'unknown_order',
		);
		await deliver(h, order({ order_id: 'W-r', user_id: buyer, amount: '30.00' }), { secret });
		await refused(
			deliver(h, order({ type: 'refund', order_id: 'W-r', user_id: buyer, amount: '30.01' }), { secret }),
			422,
			'refund_too_large',
		);
		await refused(
			deliver(h, order({ type: 'refund', order_id: 'W-r', user_id: h.demo.adminId, amount: '30.00' }), { secret }),
			422,
			'refund_mismatch',
		);
		await refused(
			deliver(h, order({ type: 'refund', order_id: 'W-r', user_id: buyer, amount: '30.00', currency: 'EUR' }), {
				secret,
			}),
			422,
			'refund_mismatch',
		);
		const refund = await deliver(h, order({ type: 'refund', order_id: 'W-r', user_id: buyer, amount: '15.00' }), {
			secret,
		});
		expect(refund.json).toMatchObject({ type: 'refund', points: -15 });
	});

	it('counts refusals on the page and keeps the last reason', async () => {
		const counts = await plugin.counters.read(h.guildId);
		expect(counts.deliveriesRefused).toBeGreaterThan(20);
		expect(counts.deliveriesConflicting).toBeGreaterThanOrEqual(3);
		expect((await plugin.counters.lastNote(h.guildId))?.message).toMatch(
			/^A purchase delivery was refused \(\d{3} [a-z_]+\)/,
		);
	});

	it('keeps the old secret working for 24 hours after a rotation, not after; ending the grace period stops it at once', async () => {
		const old = secret;
		secret = await newSecret(h);
		expect(secret).not.toBe(old);
		expect((await deliver(h, order({ order_id: 'W-old-1', user_id: buyer }), { secret: old })).status).toBe(200);
		expect((await deliver(h, order({ order_id: 'W-new-1', user_id: buyer }), { secret })).status).toBe(200);
		await h.clock.advance(24 * 3_600_000 + 1_000);
		await refused(deliver(h, order({ order_id: 'W-old-2', user_id: buyer }), { secret: old }), 401, 'bad_signature');
		expect((await deliver(h, order({ order_id: 'W-new-2', user_id: buyer }), { secret })).status).toBe(200);

		const before = secret;
		secret = await newSecret(h);
		expect((await deliver(h, order({ order_id: 'W-old-3', user_id: buyer }), { secret: before })).status).toBe(200);
		const admin = await h.dashboard();
		await admin.page(`/loyalty/${h.guildId}`);
		expect((await admin.form(`/loyalty/${h.guildId}/webhook/end-grace`, {})).status).toBe(303);
		await refused(deliver(h, order({ order_id: 'W-old-4', user_id: buyer }), { secret: before }), 401, 'bad_signature');
	});

	it('stores secrets sealed: neither the current nor the previous one is readable in the database', async () => {
		const [row] = await sql()('select secret_sealed, previous_sealed from loyalty_guilds where guild_id = ?', [
			h.guildId,
		]);
		expect(String(row?.secret_sealed)).not.toContain(secret.slice(4, 20));
		expect(JSON.stringify(row)).not.toContain(secret);
		expect(String(row?.secret_sealed).split('.')).toHaveLength(3);
	});

	it('turned off, refuses every delivery with the unknown-webhook 404 until a new secret', async () => {
		const admin = await h.dashboard();
		await admin.page(`/loyalty/${h.guildId}`);
		expect((await admin.form(`/loyalty/${h.guildId}/webhook/disable`, {})).status).toBe(303);
		await refused(deliver(h, order({ order_id: 'W-off', user_id: buyer }), { secret }), 404, 'unknown_webhook');
		secret = await newSecret(h);
		expect((await deliver(h, order({ order_id: 'W-off', user_id: buyer }), { secret })).status).toBe(200);
	});
});

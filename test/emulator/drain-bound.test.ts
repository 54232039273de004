import { describe, expect, it } from 'vitest';
import { shortestDrain } from '../../src/emulator/rest/drain-bound.ts';

const roleAdds = (n: number, guild = '100000000000000001') =>
	Array.from({ length: n }, (_, i) => ({
		bucket: 'member.roles',
		path: `/api/v10/guilds/${guild}/members/${i}/roles/9`,
	}));

describe('shortest drain time from the bucket table', () => {
	it('lets 1,000 role additions in one guild take 99 s at 10 per 1 s window, more than the global 50/s', () => {
		const bound = shortestDrain(roleAdds(1000));
		expect(bound.boundMs).toBe(99_000);
		expect(bound.limitedBy).toBe('member.roles:100000000000000001');
		expect(bound.perLimit.global).toBe(19_000);
	});

	it('counts buckets per major parameter: two guilds share the load', () => {
		const bound = shortestDrain([...roleAdds(500), ...roleAdds(500, '100000000000000002')]);
		expect(bound.boundMs).toBe(49_000);
	});

	it('falls back to the global window for routes without a bucket', () => {
		const gets = Array.from({ length: 120 }, () => ({ bucket: null, path: '/api/v10/users/1' }));
		expect(shortestDrain(gets)).toMatchObject({ boundMs: 2_000, limitedBy: 'global' });
	});
});

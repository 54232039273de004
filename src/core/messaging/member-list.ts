/**
 * "@a, @b and 12 others": the members of a combined message, the first `items.length` named and the
 * rest counted, so that every member is either named or counted.
 */
export function listMembers(items: readonly string[], others: number): string {
	const rest = others === 1 ? '1 other' : `${others.toLocaleString('en-US')} others`;
	if (items.length === 0) return others === 1 ? '1 member' : `${others.toLocaleString('en-US')} members`;
	if (others > 0) return `${items.join(', ')} and ${rest}`;
	if (items.length === 1) return items[0] as string;
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The largest k in [0, max] for which `fits(k)` holds, assuming it mostly shrinks as k grows. The
 * length of a list is not strictly monotonic in k ("and 10 others" vs "and 9 others"), so the search
 * result is checked and walked down until it really fits.
 */
export function largestFitting(max: number, fits: (k: number) => boolean): number {
	let lo = 0;
	let hi = max;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (fits(mid)) lo = mid;
		else hi = mid - 1;
	}
	while (lo > 0 && !fits(lo)) lo--;
	return lo;
}

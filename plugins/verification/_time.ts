/** `2026-11-20 14:05 UTC`: the dashboard shows times in UTC, unambiguous for admins in any zone. */
export function utc(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `in 7 min`, `in 2 h 5 min`, `overdue`: how long until a deadline, to the minute. */
export function until(ms: number, now: number): string {
	const minutes = Math.ceil((ms - now) / 60_000);
	if (minutes <= 0) return 'overdue';
	if (minutes < 60) return `in ${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return `in ${hours} h${rest ? ` ${rest} min` : ''}`;
}

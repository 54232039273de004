const DAY_MS = 86_400_000;

/** The UTC day of a moment, as days since 1970-01-01 (the stored key). */
export function dayOf(at: Date | number): number {
	return Math.floor((typeof at === 'number' ? at : at.getTime()) / DAY_MS);
}

/** `YYYY-MM-DD` of a stored day. */
export function isoDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface ActivityDay {
	day: number;
	/** `YYYY-MM-DD`, UTC. */
	date: string;
	joins: number;
	leaves: number;
}

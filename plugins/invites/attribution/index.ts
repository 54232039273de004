/**
 * The invite attribution engine: pure TypeScript, no discord.js. Feed a GuildTracker per guild
 * with plain data (see types.ts) and read its decisions; see README-engine.md for the evidence rules.
 */

export { applyDelta, type CountEvent, type Counts, countDelta, effective, ZERO_COUNTS } from './counters.ts';
export { decide } from './decide.ts';
export {
	DEFAULT_FRAUD_SETTINGS,
	type FraudFlag,
	type FraudInput,
	type FraudRule,
	type FraudSettings,
	fraudFlags,
} from './fraud.ts';
export { type OracleResult, oracleBound, type TrueCode, type TrueJoin, type TrueSnapshot } from './oracle.ts';
export { feasibleAssignments, type JoinClass, type UnitBucket } from './solver.ts';
export { DEFAULT_OPTIONS, type EngineOptions } from './state.ts';
export { type Checkpoint, Timeline } from './timeline.ts';
export {
	GuildTracker,
	type InviteReader,
	systemClock,
	type TrackerClock,
	type TrackerOptions,
	type TrackerStats,
} from './tracker.ts';
export * from './types.ts';

import type { Attribution } from './types.ts';

/** The join record's `source` (plugins/invites/api.ts JoinSource) for an attribution. */
export function joinSourceOf(a: Attribution): 'invite' | 'vanity' | 'unknown' | 'ambiguous' | 'offline' {
	if (a.status === 'attributed') return a.source;
	if (a.status === 'ambiguous') return a.offline ? 'offline' : 'ambiguous';
	return 'unknown';
}

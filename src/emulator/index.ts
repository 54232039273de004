export { Emulator, type EmulatorOptions } from './emulator.ts';
export { ApiError } from './errors.ts';
export { type BucketRule, DEFAULT_BUCKETS, GLOBAL_RULE, type RateLimitMode } from './rest/ratelimit.ts';
export { isSnowflake, SnowflakeGenerator, snowflakeTimestamp } from './snowflake.ts';
export { ControlError, connectClient, EmulatorControl } from './testing/index.ts';

/**
 * The invites plugin's records: what the commands, the dashboard (branch invites-dash) and the
 * service read and write. See records/README.md.
 */
export * from './blacklist.ts';
export * from './checkpoint.ts';
export * from './counts.ts';
export * from './imports.ts';
export * from './join-log.ts';
export * from './join-record.ts';
export * from './joins.ts';
export * from './personal.ts';
export * from './ranks.ts';
export * from './sql.ts';
export * from './stats.ts';

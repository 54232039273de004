import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * Uses an invite had before Foyer tracked them, as /invite import found them (its uses minus the
 * joins Foyer recorded through it). One row per code, the uses credited so far: importing again
 * credits only what grew (records/imports.ts importUses), so it is safe twice.
 */
export const InviteImport = defineEntity({
	name: 'InviteImport',
	tableName: 'invite_imports',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		code: p.string().length(40).primary(),
		inviterId: p.type(SnowflakeType),
		uses: p.integer(),
		atMs: p.bigint('number'),
	},
});

import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../database/snowflake-type.ts';

/** A guild's member as Foyer last knew it (its join time), to tell at start who joined or left meanwhile. */
export const KnownMember = defineEntity({
	name: 'FoyerKnownMember',
	tableName: 'foyer_known_members',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		userId: p.type(SnowflakeType).primary(),
		joinedAt: p.bigint('number').nullable(),
	},
});

/** Guilds whose members Foyer follows (the snapshot was taken): only there is a difference a catch-up. */
export const TrackedGuild = defineEntity({
	name: 'FoyerTrackedGuild',
	tableName: 'foyer_tracked_guilds',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		since: p.bigint('number'),
	},
});

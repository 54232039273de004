/**
 * What plugins publish to each other, by declaration merging (the way Sapphire plugins augment
 * `Container`). A provider describes its events and its service in a file of its own, e.g.
 *
 * ```ts
 * declare module 'foyer' {
 *   interface FoyerEvents { 'invites:joinCounted': { guildId: string; inviterId: string } }
 *   interface FoyerServices { invites: InvitesService }
 * }
 * ```
 *
 * and consumers get the types through `foyer` without importing the provider's files.
 */

// biome-ignore lint/suspicious/noEmptyInterface: filled in by providers through declaration merging
export interface FoyerEvents {}

// biome-ignore lint/suspicious/noEmptyInterface: filled in by providers through declaration merging
export interface FoyerServices {}

/** Every event payload names its guild, so that a consumer disabled there does not receive it. */
export interface PluginEventPayload {
	guildId: string;
}

export type FoyerEventName = keyof FoyerEvents & string;

/** The payload of a published event: `FoyerEvent<'invites:joinCounted'>`. */
export type FoyerEvent<K extends FoyerEventName> = FoyerEvents[K];

export type FoyerServiceName = keyof FoyerServices & string;

/**
 * A service as its consumers see it: every method answers a promise, because a call made while the
 * provider reloads waits for the new version.
 */
export type ServiceClient<T> = {
	[K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/**
 * Calls Discord's REST API as the bot, the way a bot author checks what their bot registered on
 * the real Discord. These calls are in the emulator's request log like any other.
 */
export async function botRest<T = unknown>(
	apiUrl: string,
	token: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await fetch(`${apiUrl}/v10${path}`, {
		method,
		headers: {
			authorization: `Bot ${token}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return (text ? JSON.parse(text) : null) as T;
}

/** A registered application command as Discord lists it. */
export interface RegisteredCommand {
	id: string;
	name: string;
	description: string;
	/** The permission bitfield (decimal string) a member needs by default, or null for everyone. */
	default_member_permissions: string | null;
	options?: { name: string; type: number; options?: unknown[] }[];
	guild_id?: string;
	[key: string]: unknown;
}

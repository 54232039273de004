import { container } from '@sapphire/framework';
import type { ApiRequest } from '@sapphire/plugin-api';
import { requestContext } from '../http/request-context.ts';

export interface DashboardChange {
	plugin: string;
	guildId: string;
	/** `<plugin>.<verb>`, e.g. `autoroles.add`: what the audit log filters by. */
	action: string;
	before: unknown;
	after: unknown;
}

/** Records a change a plugin's dashboard page made, by the logged-in user, in the guild's audit log. */
export async function recordDashboardChange(request: ApiRequest, change: DashboardChange): Promise<void> {
	const { session } = requestContext(request);
	await container.dashboard?.record({
		...change,
		userId: session?.userId ?? '',
		username: session?.username ?? '',
	});
}

import { container } from '@sapphire/framework';
import type { Dashboard } from './dashboard.ts';

declare module '@sapphire/pieces' {
	interface Container {
		/** The admin dashboard (sessions, audit log, permission checks); absent when Foyer runs without it. */
		dashboard?: Dashboard;
	}
}

/** The running dashboard, for its own routes and helpers (they are mounted only when it runs). */
export function runningDashboard(): Dashboard {
	const { dashboard } = container;
	if (!dashboard) throw new Error('The dashboard is not running');
	return dashboard;
}

import { container } from '@sapphire/framework';
import { CORE_EMITTER } from '../../core/plugins/kit/event-bus.ts';

/**
 * How the audit log names an action in `locale`: the core's own (`dashboard.audit.actions.<action>`),
 * a plugin's `<plugin>.<name>` from that plugin's catalog (`audit.<name>`), else the action as stored.
 */
export function auditActionLabel(action: string, locale: string): string {
	const i18n = container.plugins.i18n;
	const core = i18n.find(CORE_EMITTER, `dashboard.audit.actions.${action}`, locale);
	if (core) return core;
	const dot = action.indexOf('.');
	if (dot > 0) {
		const own = i18n.find(action.slice(0, dot), `audit.${action.slice(dot + 1)}`, locale);
		if (own) return own;
	}
	return action;
}

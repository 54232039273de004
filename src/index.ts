/** Foyer's public API for plugins: everything a plugin may import from 'foyer'. */

// The container's typings (container.plugins, .dashboard...) that the API below relies on, so that a
// plugin typechecked on its own (outside this package, e.g. in examples/) sees them too.
import './core/container.ts';
import './dashboard/container.ts';

/** Zod, the one copy the core uses: task payload schemas in manifests are checked with it. */
export { z } from 'zod';
export { type CountersFromTableOptions, countersFromTable } from './core/counters/counters-from-table.ts';
export { PluginCounters } from './core/counters/plugin-counters.ts';
export type { Database } from './core/database/database.ts';
export { isDatabaseUnavailable } from './core/database/database-unavailable.ts';
export { SnowflakeType } from './core/database/snowflake-type.ts';
export { type UntilDatabaseAnswersOptions, untilDatabaseAnswers } from './core/database/until-database-answers.ts';
export {
	type AddMemberRolesRequest,
	addMemberRoles,
	type SendMessageRequest,
	sendMessage,
} from './core/effects/durable-api.ts';
export type { MemberRolesOutcome } from './core/effects/kinds/member-roles-kind.ts';
export { type CoreEventName, CoreEvents } from './core/events/core-events.ts';
export { localized, localizedChoice } from './core/i18n/command-words.ts';
export { DEFAULT_LOCALE, LOCALES, type Locale } from './core/i18n/locales.ts';
export type { Translate } from './core/i18n/translations.ts';
export { memberMessageCommand } from './core/member-message-kit/member-message-command.ts';
export type {
	MemberMessageKitOptions,
	MemberMessagePlugin,
} from './core/member-message-kit/member-message-plugin.ts';
export { channelProblem, isAccessError, sendProblem } from './core/messaging/channel-problems.ts';
export type { EmbedTemplate } from './core/messaging/embed-template.ts';
export type {
	AnyMember,
	MemberMessage,
	MemberMessageResult,
} from './core/messaging/member-message.ts';
export { postMemberMessage } from './core/messaging/post-member-message.ts';
export {
	definePlugin,
	type FoyerPlugin,
	type PluginChange,
	type PluginCountersHandle,
	type PluginEventsHandle,
	type ScheduleWhen,
} from './core/plugins/kit/define-plugin.ts';
export type {
	FoyerEvent,
	FoyerEventName,
	FoyerEvents,
	FoyerServiceName,
	FoyerServices,
	PluginEventPayload,
	ServiceClient,
} from './core/plugins/kit/published.ts';
export { ServiceUnavailableError } from './core/plugins/kit/service-registry.ts';
export type {
	OverviewFigure,
	PluginDependency,
	PluginManifest,
	PluginMigration,
	PluginNavigationEntry,
	PluginProvides,
	TaskSchemas,
} from './core/plugins/manifest.ts';
export type { PluginInfo, PluginManager } from './core/plugins/plugin-manager.ts';
export {
	assignProblem,
	type BotFacts,
	botFacts,
	type RoleFacts,
	roleFacts,
	whyNotAssignable,
} from './core/roles/role-hierarchy.ts';
export {
	defaultSettings,
	type SettingField,
	type SettingsOf,
	type SettingsSchema,
	validateSettings,
} from './core/settings/settings-schema.ts';
export { templateContextOf } from './core/templates/member-context.ts';
export { memberText } from './core/templates/member-text.ts';
export { sendMemberTemplate } from './core/templates/send-member-template.ts';
export {
	type ContextProvider,
	type Placeholder,
	type RenderResult,
	type TemplateContext,
	TemplateEngine,
} from './core/templates/template-engine.ts';
export type { RouteAccess } from './dashboard/access/route-access.ts';
export { type DashboardChange, recordDashboardChange } from './dashboard/audit/record-change.ts';
export {
	botAuthor,
	type DiscordMessageInput,
	type DiscordMessageView,
	discordMessageView,
	guildMentions,
	type MentionResolver,
	messageFromApi,
	messageFromDiscordJs,
	type RenderOptions,
	renderDiscordMessage,
} from './dashboard/discord-render/index.ts';
export { renderSettingsForm } from './dashboard/forms/render-settings-form.ts';
export { settingsFormModel, settingsInput } from './dashboard/forms/settings-form.ts';
export { saveSettings } from './dashboard/forms/settings-service.ts';
export { type ActionResult, sendActionResult } from './dashboard/http/action-result.ts';
export { type FormFields, field } from './dashboard/http/body.ts';
export { pageLocale } from './dashboard/http/page-locale.ts';
export { type DashboardRequestContext, isHtmx, requestContext } from './dashboard/http/request-context.ts';
export {
	guildOf,
	type PageOptions,
	redirect,
	renderView,
	sendError,
	sendFragment,
	sendPage,
} from './dashboard/http/respond.ts';
export { csvCell, csvRow } from './dashboard/kit/csv.ts';
export { type GrowthChartOptions, type GrowthDay, renderGrowthChart } from './dashboard/kit/growth-chart-view.ts';
export { memberMessageTestRoute } from './dashboard/kit/member-message-test-route.ts';
export { type PluginPageOptions, sendPluginPage } from './dashboard/plugin-page.ts';
export { type SealedSecrets, sealedSecrets } from './dashboard/sessions/sealed-secrets.ts';

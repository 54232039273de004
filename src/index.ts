/** Foyer's public API for plugins: everything a plugin may import from 'foyer'. */

export { PluginCounters } from './core/counters/plugin-counters.ts';
export type { Database } from './core/database/database.ts';
export { SnowflakeType } from './core/database/snowflake-type.ts';
export { channelProblem, isAccessError, sendProblem } from './core/messaging/channel-problems.ts';
export type {
	AnyMember,
	EmbedContext,
	MemberMessage,
	MemberMessageResult,
} from './core/messaging/member-message.ts';
export { postMemberMessage } from './core/messaging/post-member-message.ts';
export {
	definePlugin,
	type OverviewFigure,
	type PluginManifest,
	type PluginMigration,
	type PluginNavigationEntry,
} from './core/plugins/manifest.ts';
export type { PluginInfo, PluginManager } from './core/plugins/plugin-manager.ts';
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
	type Placeholder,
	type RenderResult,
	type TemplateContext,
	TemplateEngine,
} from './core/templates/template-engine.ts';
export type { RouteAccess } from './dashboard/access/route-access.ts';
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
export { type DashboardRequestContext, isHtmx, requestContext } from './dashboard/http/request-context.ts';
export { guildOf, type PageOptions, redirect, renderView, sendError, sendPage } from './dashboard/http/respond.ts';
export { type PluginPageOptions, sendPluginPage } from './dashboard/plugin-page.ts';

/** Foyer's public API for plugins: everything a plugin may import from 'foyer'. */

export type { Database } from './core/database/database.ts';
export { SnowflakeType } from './core/database/snowflake-type.ts';
export {
	definePlugin,
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

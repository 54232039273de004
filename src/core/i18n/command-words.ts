/** What command, subcommand and option builders share: a name and a description, with their localizations. */
interface NamedBuilder<B> {
	setName(name: string): B;
	setNameLocalizations(map: Partial<Record<string, string>>): B;
	setDescription(description: string): B;
	setDescriptionLocalizations(map: Partial<Record<string, string>>): B;
}

interface Words {
	t(key: string, options?: { vars?: Record<string, string | number> }): string;
	localizations(key: string, vars?: Record<string, string | number>): Partial<Record<string, string>>;
}

/**
 * Names and describes a slash command, subcommand or option from a plugin's catalog: `<key>.name` and
 * `<key>.description` in English, every other language as Discord localizations, so members see the
 * command in their client's language. `vars` fill `{placeholders}` of the description.
 */
export function localized<B extends NamedBuilder<B>>(
	builder: B,
	plugin: Words,
	key: string,
	vars?: Record<string, string | number>,
): B {
	return builder
		.setName(plugin.t(`${key}.name`))
		.setNameLocalizations(plugin.localizations(`${key}.name`))
		.setDescription(plugin.t(`${key}.description`, vars ? { vars } : {}))
		.setDescriptionLocalizations(plugin.localizations(`${key}.description`, vars));
}

/** A string option's choice with its localized names (`key` in the catalog). */
export function localizedChoice<V extends string | number>(plugin: Words, key: string, value: V) {
	return { name: plugin.t(key), name_localizations: plugin.localizations(key), value };
}

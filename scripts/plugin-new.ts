/**
 * `npm run plugin:new <id> [-- --dir <folder>]`: writes a working plugin folder (manifest, a command,
 * a listener, a dashboard page and a test) at plugins/<id>, or <folder>/<id>. Refuses an id the
 * manifest would refuse and a folder that exists; writes nothing then.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pluginIdProblem } from '../src/core/plugins/manifest.ts';
import { pluginFiles, pluginNames } from './plugin-template.ts';

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const parent = resolve(dirFlag >= 0 ? (args[dirFlag + 1] ?? fail('--dir needs a folder')) : 'plugins');
const id = args.find((a, i) => !a.startsWith('--') && (dirFlag < 0 || i !== dirFlag + 1));
if (!id) fail('usage: npm run plugin:new <id> [-- --dir <folder>]   (id: lowercase letters, digits and dashes)');
const problem = pluginIdProblem(id);
if (problem) fail(`${problem}.`);
const root = join(parent, id);
if (existsSync(root)) fail(`${relative('.', root) || root} exists already: choose another id, or remove the folder.`);

const files = pluginFiles(pluginNames(id));
for (const [file, text] of Object.entries(files)) {
	const path = join(root, file);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
}
const shown = relative('.', root) || root;
console.log(`Wrote plugin "${id}" in ${shown}:`);
for (const file of Object.keys(files)) console.log(`  ${join(shown, file)}`);
console.log(`
Next:
  npm run dev                      Foyer reloads the plugin whenever you save one of its files
  npx vitest run ${shown}   its test (docs/plugins.md, "Testing")`);

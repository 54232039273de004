import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Code languages whose blocks must come from a compiled sample file. */
const CHECKED = new Set(['ts', 'typescript', 'js', 'javascript']);
const MARKER = /^<!--\s*sample:\s*(\S+?)(?:#([\w-]+))?\s*-->$/;

export interface SampleProblem {
	/** `docs/plugins.md:120` */
	where: string;
	message: string;
}

/**
 * The lines of `file` (or of its `// #region name` … `// #endregion name`), without the region
 * markers of other regions and without the indentation they share.
 */
export function sampleText(file: string, region?: string): string {
	const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
	let body = lines;
	if (region) {
		const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
		const end = lines.findIndex((l, i) => i > start && l.trim() === `// #endregion ${region}`);
		if (start < 0 || end < 0) throw new Error(`no region "${region}" in ${file}`);
		body = lines.slice(start + 1, end);
	}
	body = body.filter((l) => !/^\s*\/\/ #(end)?region\b/.test(l));
	const indents = body.filter((l) => l.trim()).map((l) => l.match(/^\t*/)?.[0].length ?? 0);
	const shared = indents.length ? Math.min(...indents) : 0;
	return body.map((l) => l.slice(shared)).join('\n');
}

/**
 * Checks a guide's code blocks against the files they show: every TypeScript or JavaScript block
 * follows a `<!-- sample: path[#region] -->` line and says exactly what that file (or region) says.
 * The files are compiled by `npm run typecheck` and tested; this keeps the guide from drifting.
 */
export function checkDocSamples(markdown: string, root = resolve('.')): SampleProblem[] {
	const problems: SampleProblem[] = [];
	const lines = readFileSync(resolve(root, markdown), 'utf8').split('\n');
	for (let i = 0; i < lines.length; i++) {
		const fence = lines[i]?.match(/^```(\w*)\s*$/);
		if (!fence) continue;
		const start = i;
		const lang = fence[1] ?? '';
		let end = i + 1;
		while (end < lines.length && lines[end] !== '```') end++;
		const block = lines.slice(start + 1, end).join('\n');
		i = end;
		const marker = lines[start - 1]?.match(MARKER);
		const where = `${markdown}:${start + 1}`;
		if (!marker) {
			if (CHECKED.has(lang))
				problems.push({ where, message: `a ${lang} block without a <!-- sample: file --> line above it` });
			continue;
		}
		const [, path = '', region] = marker;
		const file = resolve(root, path);
		if (!existsSync(file)) {
			problems.push({ where, message: `the sample ${path} does not exist` });
			continue;
		}
		let expected: string;
		try {
			expected = sampleText(file, region);
		} catch (error) {
			problems.push({ where, message: error instanceof Error ? error.message : String(error) });
			continue;
		}
		if (expected === block) continue;
		const want = expected.split('\n');
		const got = block.split('\n');
		const at = want.findIndex((l, n) => l !== got[n]);
		const n = at < 0 ? want.length : at;
		problems.push({
			where: `${markdown}:${start + 2 + n}`,
			message: `differs from ${path}${region ? `#${region}` : ''}: the file says ${JSON.stringify(want[n] ?? '(end)')}, the guide ${JSON.stringify(got[n] ?? '(end)')}`,
		});
	}
	return problems;
}

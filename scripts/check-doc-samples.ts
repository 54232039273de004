/**
 * `npm run typecheck` runs this after tsc: the guides' code blocks must be the sample files tsc just
 * compiled (docs/samples), region for region. Exits 1 and says where when one has drifted.
 */
import { checkDocSamples } from './doc-samples.ts';

const guides = process.argv.slice(2).length ? process.argv.slice(2) : ['docs/plugins.md', 'README.md'];
const problems = guides.flatMap((guide) => checkDocSamples(guide));
for (const p of problems) console.error(`${p.where}: ${p.message}`);
if (problems.length) {
	console.error(
		`\n${problems.length} code block(s) out of step with docs/samples: copy the file's text into the guide.`,
	);
	process.exit(1);
}

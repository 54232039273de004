/**
 * Components as Discord answers them (Components reference, Anatomy of a Component): "The `id` must
 * be unique within the message and is generated sequentially if left empty. Generation of ids
 * won't use another id that exists in the message … an id of 0 is … replaced by the API". Numbering
 * is depth first: a row, then its children; a section's text, then its accessory. Fields Discord
 * fills in when they are left out (a container's `accent_color` and `spoiler`, a separator's
 * `spacing` and `divider`, a select's `min_values`/`max_values`…) are filled in the same way.
 */
type Node = Record<string, unknown> & { id?: unknown; components?: unknown; component?: unknown; accessory?: unknown };

const SELECTS = new Set([3, 5, 6, 7, 8]);

function walk(nodes: unknown[], visit: (node: Node) => void): void {
	for (const n of nodes) {
		if (typeof n !== 'object' || n === null) continue;
		const node = n as Node;
		visit(node);
		if (Array.isArray(node.components)) walk(node.components, visit);
		if (node.component) walk([node.component], visit);
		if (node.accessory) walk([node.accessory], visit);
	}
}

function defaults(node: Node): void {
	const type = node.type as number;
	if (type === 17) {
		node.accent_color ??= null;
		node.spoiler ??= false;
	} else if (type === 14) {
		node.spacing ??= 1;
		node.divider ??= true;
	} else if (type === 11) {
		node.description ??= null;
		node.spoiler ??= false;
	} else if (type === 13) node.spoiler ??= false;
	else if (SELECTS.has(type)) {
		node.min_values ??= 1;
		node.max_values ??= 1;
	}
}

/** A deep copy of `components` where every component has a numeric id and Discord's defaults. */
export function withComponentIds<T>(components: T[]): T[] {
	const copy = structuredClone(components);
	const used = new Set<number>();
	walk(copy, (node) => {
		if (typeof node.id === 'number' && node.id > 0) used.add(node.id);
	});
	let next = 1;
	walk(copy, (node) => {
		defaults(node);
		if (typeof node.id === 'number' && node.id > 0) return;
		while (used.has(next)) next++;
		node.id = next;
		used.add(next);
	});
	return copy;
}

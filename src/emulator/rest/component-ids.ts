/**
 * "The `id` must be unique within the message and is generated sequentially if left empty.
 * Generation of ids won't use another id that exists in the message … an id of 0 is … replaced by
 * the API" (Components reference, Anatomy of a Component). Responses therefore always carry ids.
 * Numbering is depth first: a row, then its children; a section's text, then its accessory.
 */
type Node = { id?: unknown; components?: unknown; component?: unknown; accessory?: unknown };

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

/** A deep copy of `components` where every component has a numeric id. */
export function withComponentIds<T>(components: T[]): T[] {
	const copy = structuredClone(components);
	const used = new Set<number>();
	walk(copy, (node) => {
		if (typeof node.id === 'number' && node.id > 0) used.add(node.id);
	});
	let next = 1;
	walk(copy, (node) => {
		if (typeof node.id === 'number' && node.id > 0) return;
		while (used.has(next)) next++;
		node.id = next;
		used.add(next);
	});
	return copy;
}

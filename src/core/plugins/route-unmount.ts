import type { Route } from '@sapphire/plugin-api';

interface Branch {
	matches(part: string): boolean;
	node: { delete(method: string, route: Route): boolean };
	_staticChildren: Branch[];
	_dynamicChild: Branch | null;
	_updateSupportedChildrenMethods?: () => void;
	/** True when the branch holds no route and no child. */
	readonly empty: boolean;
}

/**
 * Takes an unloaded route out of plugin-api's router. plugin-api 8's own removal follows the wrong
 * child (its static-child lookup is inverted), so an unloaded route would keep answering; this walks
 * the route's exact path and deletes its methods from the node it was added to.
 */
export function unmountRoute(router: unknown, route: Route): boolean {
	const chain: Branch[] = [router as Branch];
	let branch = router as Branch;
	for (const part of route.path) {
		const dynamic = part.startsWith('[') && part.endsWith(']');
		const next = dynamic ? branch._dynamicChild : branch._staticChildren.find((b) => b.matches(part));
		if (!next) return false;
		branch = next;
		chain.push(branch);
	}
	let removed = false;
	for (const method of route.methods) if (branch.node.delete(method, route)) removed = true;
	// Prune branches left empty, or the router would answer 405 (path known, method not) instead of 404.
	for (let i = chain.length - 1; i > 0; i--) {
		const child = chain[i] as Branch;
		const parent = chain[i - 1] as Branch;
		if (!child.empty) break;
		if (parent._dynamicChild === child) parent._dynamicChild = null;
		else parent._staticChildren = parent._staticChildren.filter((b) => b !== child);
	}
	for (const b of chain.reverse()) b._updateSupportedChildrenMethods?.();
	return removed;
}

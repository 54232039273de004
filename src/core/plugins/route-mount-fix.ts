import { RouterBranch } from '@sapphire/plugin-api';

interface Branch {
	name: string;
	dynamic: boolean;
	_staticChildren: Branch[];
	_dynamicChild: Branch | null;
	node: { set(method: string, route: unknown): void; delete(method: string, route: unknown): boolean };
	readonly empty: boolean;
	_add(parts: string[], index: number, route: unknown): unknown;
	_remove(parts: string[], index: number, route: unknown): boolean;
}

type BranchConstructor = new (name: string, dynamic: boolean, parent: Branch) => Branch;

/**
 * plugin-api 8 adds a static segment under an existing dynamic sibling (`hello` after `[guild]`
 * lands inside `[guild]`), so `/greeter/<id>` would run the `hello` route. Every plugin page at
 * `/<plugin>/[guild]` next to a static route hits this; the fix puts each segment in its own branch.
 * (Two dynamic siblings still share one branch, as in plugin-api: the first one's name is used.)
 */
export function fixRouterMounting(): void {
	const proto = RouterBranch.prototype as unknown as {
		_performAdd: unknown;
		_performRemove: unknown;
		__foyerFixed?: boolean;
	};
	if (proto.__foyerFixed) return;
	proto.__foyerFixed = true;
	proto._performAdd = function performAdd(
		this: Branch,
		parts: string[],
		index: number,
		route: { methods: Set<string> },
	) {
		if (index >= parts.length) {
			for (const method of route.methods) this.node.set(method, route);
			return this.node;
		}
		const part = parts[index] as string;
		const Ctor = RouterBranch as unknown as BranchConstructor;
		if (part.startsWith('[') && part.endsWith(']')) {
			this._dynamicChild ??= new Ctor(part.slice(1, -1), true, this);
			return this._dynamicChild._add(parts, index + 1, route);
		}
		let child = this._staticChildren.find((b) => !b.dynamic && b.name === part);
		if (!child) {
			child = new Ctor(part, false, this);
			this._staticChildren.push(child);
		}
		return child._add(parts, index + 1, route);
	};
	// Its removal is inverted too (it follows the dynamic child when the static one matches, and reads
	// an unrelated index otherwise, throwing on nested routes): walk the route's own segments.
	proto._performRemove = function performRemove(
		this: Branch,
		parts: string[],
		index: number,
		route: { methods: Set<string> },
	) {
		if (index >= parts.length) {
			let removed = false;
			for (const method of route.methods) if (this.node.delete(method, route)) removed = true;
			return removed;
		}
		const part = parts[index] as string;
		const dynamic = part.startsWith('[') && part.endsWith(']');
		const child = dynamic ? this._dynamicChild : this._staticChildren.find((b) => !b.dynamic && b.name === part);
		if (!child) return false;
		const removed = child._remove(parts, index + 1, route);
		if (removed && child.empty) {
			if (dynamic) this._dynamicChild = null;
			else this._staticChildren = this._staticChildren.filter((b) => b !== child);
		}
		return removed;
	};
}

/** A small max-flow network (Dinic). The attribution problems are a few hundred nodes at most. */
export class FlowNetwork {
	readonly #to: number[] = [];
	readonly #cap: number[] = [];
	readonly #next: number[] = [];
	readonly #head: number[];
	#level: number[] = [];
	#iter: number[] = [];

	constructor(readonly size: number) {
		this.#head = new Array(size).fill(-1);
	}

	/** Adds u → v with capacity `cap`; returns the edge's index (its reverse is index ^ 1). */
	addEdge(u: number, v: number, cap: number): number {
		const e = this.#to.length;
		this.#push(u, v, cap);
		this.#push(v, u, 0);
		return e;
	}

	#push(u: number, v: number, cap: number): void {
		this.#to.push(v);
		this.#cap.push(cap);
		this.#next.push(this.#head[u] as number);
		this.#head[u] = this.#to.length - 1;
	}

	/** Flow currently on an edge added by addEdge. */
	flow(edge: number): number {
		return this.#cap[edge ^ 1] as number;
	}

	addCapacity(edge: number, extra: number): void {
		this.#cap[edge] = (this.#cap[edge] as number) + extra;
	}

	maxFlow(s: number, t: number): number {
		let total = 0;
		while (this.#bfs(s, t)) {
			this.#iter = [...this.#head];
			for (;;) {
				const f = this.#dfs(s, t, Number.POSITIVE_INFINITY);
				if (f <= 0) break;
				total += f;
			}
		}
		return total;
	}

	#bfs(s: number, t: number): boolean {
		this.#level = new Array(this.size).fill(-1);
		this.#level[s] = 0;
		const queue = [s];
		for (let qi = 0; qi < queue.length; qi++) {
			const u = queue[qi] as number;
			for (let e = this.#head[u] as number; e !== -1; e = this.#next[e] as number) {
				const v = this.#to[e] as number;
				if ((this.#cap[e] as number) > 0 && this.#level[v] === -1) {
					this.#level[v] = (this.#level[u] as number) + 1;
					queue.push(v);
				}
			}
		}
		return this.#level[t] !== -1;
	}

	#dfs(u: number, t: number, pushed: number): number {
		if (u === t) return pushed;
		for (; (this.#iter[u] as number) !== -1; this.#iter[u] = this.#next[this.#iter[u] as number] as number) {
			const e = this.#iter[u] as number;
			const v = this.#to[e] as number;
			const cap = this.#cap[e] as number;
			if (cap <= 0 || this.#level[v] !== (this.#level[u] as number) + 1) continue;
			const f = this.#dfs(v, t, Math.min(pushed, cap));
			if (f > 0) {
				this.#cap[e] = cap - f;
				this.#cap[e ^ 1] = (this.#cap[e ^ 1] as number) + f;
				return f;
			}
		}
		return 0;
	}
}

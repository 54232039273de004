/** Polls `predicate` until it holds; fails the test with a clear message after `ms`. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await predicate())) {
		if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Polls `check` until it holds; fails with a message naming `what` after `ms`. */
export async function waitFor(
	check: () => boolean | Promise<boolean>,
	what = 'the condition',
	ms = 5_000,
): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

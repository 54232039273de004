/** Process-wide operator state the health routes read (set by the composition root). */
export const opsState = {
	/** True from the first SIGTERM (or stop()) on: /ready answers 503 so traffic moves away. */
	stopping: false,
};

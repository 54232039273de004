/** A post-login destination on this site only: a path, never `//host` or a full URL. */
export function safeNext(value: unknown): string {
	return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made inert for HTML, in element content and in quoted attribute values alike. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** An image or link target Discord would follow: http(s) only, never javascript:, data: or relative URLs. */
export function safeUrl(url: unknown): string | null {
	if (typeof url !== 'string' || url.length > 2048) return null;
	if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
	} catch {
		return null;
	}
}

/** `#rrggbb` of a Discord colour integer (0 means "no colour" for roles, so callers decide). */
export function hexColor(color: unknown): string | null {
	if (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff) return null;
	return `#${color.toString(16).padStart(6, '0')}`;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. Text
 * that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return) gets
 * a leading apostrophe first (OWASP's CSV injection advice): member names and admins' notes are
 * user text. Numbers are written as numbers; they are Foyer's own, never formulas.
 */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A CSV line of cells, CRLF-terminated. */
export function csvRow(cells: (string | number | null)[]): string {
	return `${cells.map(csvCell).join(',')}\r\n`;
}

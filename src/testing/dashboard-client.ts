/** One line of a server's audit log, as the dashboard's audit page shows it. */
export interface AuditRow {
	when: string;
	username: string;
	userId: string;
	action: string;
	/** The action as the page names it, in its language. */
	label: string;
	plugin: string | null;
	before: unknown;
	after: unknown;
}

/**
 * A logged-in dashboard visitor for tests (Foyer's and plugin authors'): it logs in through the
 * emulator's OAuth2 pages exactly as a browser does (state cookie, code, callback) and keeps its
 * cookies. `csrf` is read from the pages, as a form or htmx would send it.
 */
export class DashboardClient {
	readonly cookies = new Map<string, string>();
	csrf = '';

	constructor(readonly baseUrl: string) {}

	static async login(baseUrl: string, userId: string): Promise<DashboardClient> {
		const client = new DashboardClient(baseUrl);
		await client.loginAs(userId);
		return client;
	}

	async loginAs(userId: string): Promise<void> {
		const start = await this.request('GET', '/login/discord');
		const location = start.headers.get('location');
		// The dashboard limits logins per address (20 per 5 minutes): log in once per test file and keep the client.
		if (!location) throw new Error(`Login did not start: ${start.status} ${(await start.text()).slice(0, 200)}`);
		const authorize = new URL(location);
		if (!authorize.pathname.endsWith('/oauth2/authorize')) throw new Error(`Login did not go to OAuth2: ${authorize}`);
		authorize.pathname = authorize.pathname.replace(/authorize$/, 'authorize/confirm');
		authorize.searchParams.set('user_id', userId);
		const confirmed = await fetch(authorize, { redirect: 'manual' });
		const callback = new URL(confirmed.headers.get('location') ?? '');
		const done = await this.request('GET', `${callback.pathname}${callback.search}`);
		if (done.status !== 303) throw new Error(`Login failed: ${done.status} ${await done.text()}`);
		await this.page('/');
	}

	/** GET a page and remember the CSRF token it carries. */
	async page(path: string, headers: Record<string, string> = {}): Promise<Response> {
		const response = await this.request('GET', path, undefined, headers);
		const text = await response.clone().text();
		const token = text.match(/name="_csrf" value="([^"]+)"/)?.[1];
		if (token) this.csrf = token;
		return response;
	}

	/** POST a form; the CSRF token goes in the form unless `csrf: null` (or another value) is given. */
	form(
		path: string,
		fields: Record<string, string | string[]>,
		options: { csrf?: string | null; htmx?: boolean } = {},
	) {
		const body = new URLSearchParams();
		const token = options.csrf === undefined ? this.csrf : options.csrf;
		if (token !== null) body.append('_csrf', token);
		for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
		return this.request('POST', path, body.toString(), {
			'content-type': 'application/x-www-form-urlencoded',
			...(options.htmx ? { 'hx-request': 'true' } : {}),
		});
	}

	/** The server's audit log as its page shows it, newest first (filters as the page's form). */
	async audit(guildId: string, filter: { plugin?: string; action?: string; user?: string } = {}): Promise<AuditRow[]> {
		const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
		const response = await this.page(`/guilds/${guildId}/audit${query.size ? `?${query}` : ''}`);
		if (response.status !== 200) throw new Error(`The audit page answered ${response.status}`);
		return auditRows(await response.text());
	}

	async request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
		const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const response = await fetch(new URL(path, this.baseUrl), {
			method,
			redirect: 'manual',
			headers: { ...(cookie ? { cookie } : {}), ...headers },
			...(body !== undefined ? { body } : {}),
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const i = pair?.indexOf('=') ?? -1;
			if (!pair || i < 0) continue;
			const name = pair.slice(0, i).trim();
			const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
			if (expired) this.cookies.delete(name);
			else this.cookies.set(name, pair.slice(i + 1).trim());
		}
		return response;
	}
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const htmlText = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
const cells = (row: string) => [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] ?? '');
const small = (cell: string) => cell.match(/<small>([\s\S]*?)<\/small>/)?.[1];
const json = (cell: string) => {
	const text = htmlText(cell.replace(/<\/?pre>/g, '')).trim();
	return text ? JSON.parse(text) : null;
};

/** The rows of the audit table partial (views/partials/audit-table.eta). */
function auditRows(html: string): AuditRow[] {
	const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
	return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
		const [when = '', who = '', what = '', before = '', after = ''] = cells(m[1] ?? '');
		const plugin = small(what);
		return {
			when: htmlText(when),
			username: htmlText(who.replace(/<br>[\s\S]*$/, '').replace(/^@/, '')),
			userId: small(who) ?? '',
			// The action's id (the cell shows its name in the page's language).
			action: htmlText(what.match(/data-action="([^"]*)"/)?.[1] ?? what.replace(/<br>[\s\S]*$/, '')),
			label: htmlText(what.replace(/<br>[\s\S]*$/, '').replace(/<[^>]+>/g, '')),
			plugin: plugin === undefined ? null : htmlText(plugin),
			before: json(before),
			after: json(after),
		};
	});
}

import { type SpecOperation, specFor, unknownKeys, violations } from './spec.ts';

/** One REST call of the contract scenario and what the spec says about its answer. */
export interface Checked {
	/** Emulator route template, e.g. `GET /guilds/:guild_id`. */
	route: string;
	status: number;
	problems: string[];
}

export interface CallOptions {
	body?: unknown;
	query?: Record<string, string>;
	/** `null` sends no Authorization header. */
	token?: string | null;
	/** Multipart files: field name → text content (the JSON body goes into `payload_json`). */
	files?: Record<string, string>;
	/** Expected status: the call fails the scenario when another one comes back. */
	expect?: number;
}

/** A difference from the spec that the emulator makes on purpose, with the reason. */
export interface Deliberate {
	/** An emulator route (`GET /guilds/:guild_id`), or `*` for every route. */
	route: string;
	/** A field path (`.guild_id`, `[0].roles`), or `status` for an answer status the spec does not list. */
	at: string;
	reason: string;
}

function schemaFor(op: SpecOperation, status: number) {
	const exact = op.responses.get(String(status));
	if (exact) return exact;
	if (status === 429) return op.responses.get('429');
	if (status >= 400 && status < 500) return op.responses.get('4XX');
	return undefined;
}

/**
 * Calls the emulator's REST API without a library in between and checks every answer against the
 * spec's schema for that route and status: missing or mistyped fields (Zod) and fields the spec
 * does not list for it (unknown keys), minus the deliberate differences.
 */
export class ContractRecorder {
	readonly checked: Checked[] = [];

	constructor(
		readonly apiUrl: string,
		readonly token: string,
		readonly deliberate: Deliberate[],
	) {}

	async call(route: string, params: Record<string, string> = {}, opts: CallOptions = {}): Promise<unknown> {
		const [method, template] = route.split(' ') as [string, string];
		const path = template.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
			const value = params[name];
			if (value === undefined) throw new Error(`${route}: no value for :${name}`);
			return encodeURIComponent(value);
		});
		const query = opts.query ? `?${new URLSearchParams(opts.query)}` : '';
		const headers: Record<string, string> = {};
		const token = opts.token === undefined ? this.token : opts.token;
		if (token !== null) headers.authorization = `Bot ${token}`;
		let body: FormData | string | undefined;
		if (opts.files) {
			const form = new FormData();
			form.set('payload_json', JSON.stringify(opts.body ?? {}));
			for (const [field, text] of Object.entries(opts.files)) form.set(field, new Blob([text]), `${field}.csv`);
			body = form;
		} else if (opts.body !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(opts.body);
		}
		const res = await fetch(`${this.apiUrl}/v10${path}${query}`, { method, headers, body });
		const text = await res.text();
		const type = res.headers.get('content-type') ?? '';
		const json = type.includes('application/json') && text ? JSON.parse(text) : text;
		this.#check(method, template, route, res.status, json, text);
		if (opts.expect !== undefined && res.status !== opts.expect)
			throw new Error(`${route} answered ${res.status}, expected ${opts.expect}: ${text.slice(0, 300)}`);
		return json;
	}

	#check(method: string, template: string, route: string, status: number, json: unknown, text: string): void {
		const op = specFor(method, template);
		const problems: string[] = [];
		const excused = (at: string) =>
			this.deliberate.some(
				(d) =>
					(d.route === route || d.route === '*') &&
					(d.at === at || at.startsWith(`${d.at}.`) || at.startsWith(`${d.at}[`)),
			);
		if (!op) problems.push('route not in the spec');
		else {
			const schema = schemaFor(op, status);
			if (!schema) {
				if (!excused('status'))
					problems.push(`status ${status} not in the spec (${[...op.responses.keys()].join(', ')})`);
			} else if (status === 204) {
				if (text !== '') problems.push('204 with a body');
			} else {
				for (const v of violations(schema, json))
					if (!excused(v.at)) problems.push(`${v.at || '(root)'}: ${v.message}`);
				for (const k of unknownKeys(schema, json)) if (!excused(k)) problems.push(`${k}: not in the spec`);
			}
		}
		this.checked.push({ route, status, problems });
	}
}

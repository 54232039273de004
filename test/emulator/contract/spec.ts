import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as S from 'discord-api-spec/zod';
import ts from 'typescript';
import * as z from 'zod/mini';

/**
 * Discord's published OpenAPI spec as the npm package `discord-api-spec` ships it: the route table
 * comes from its TypeScript `Paths` interface (method, path, response type per status, request body
 * type), and each type name maps to the package's Zod schema of the same name (`XSchema`).
 */

export interface SpecOperation {
	method: string;
	/** The spec's path, e.g. `/guilds/{guild_id}/members/{user_id}`. */
	path: string;
	/** Status (`"200"`, `"204"`, `"4XX"`, `"429"`) → schema of the body. */
	responses: Map<string, z.ZodMiniType>;
	request: z.ZodMiniType | null;
}

const schemas = S as unknown as Record<string, z.ZodMiniType | undefined>;

function schemaOf(node: ts.TypeNode): z.ZodMiniType {
	if (ts.isParenthesizedTypeNode(node)) return schemaOf(node.type);
	if (ts.isArrayTypeNode(node)) return z.array(schemaOf(node.elementType));
	if (ts.isUnionTypeNode(node)) {
		const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword).map(schemaOf);
		return parts.length === 1 ? (parts[0] as z.ZodMiniType) : z.union(parts as [z.ZodMiniType, z.ZodMiniType]);
	}
	if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) return z.null();
	if (node.kind === ts.SyntaxKind.UnknownKeyword) return z.unknown();
	if (node.kind === ts.SyntaxKind.StringKeyword) return z.string();
	if (node.kind === ts.SyntaxKind.NumberKeyword) return z.number();
	if (node.kind === ts.SyntaxKind.BooleanKeyword) return z.boolean();
	// Inline object types (a few request bodies, multipart `{ file: string }`).
	if (ts.isTypeLiteralNode(node)) {
		const shape: Record<string, z.ZodMiniType> = {};
		for (const m of node.members)
			if (ts.isPropertySignature(m) && m.type) {
				const field = schemaOf(m.type);
				shape[m.name.getText().replace(/"/g, '')] = m.questionToken ? z.optional(field) : field;
			}
		return z.object(shape);
	}
	if (ts.isTypeReferenceNode(node)) {
		const name = node.typeName.getText();
		const schema = schemas[`${name}Schema`];
		if (!schema) throw new Error(`discord-api-spec/zod has no ${name}Schema`);
		return schema;
	}
	throw new Error(`unsupported type in the spec's Paths: ${node.getText()}`);
}

function member(node: ts.TypeLiteralNode, name: string): ts.PropertySignature | undefined {
	return node.members.find(
		(m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText().replace(/"/g, '') === name,
	);
}

function load(): Map<string, SpecOperation> {
	// The package exports only its modules; its TypeScript source sits beside them.
	const file = fileURLToPath(
		new URL('../../../node_modules/discord-api-spec/build/discord-api-spec.ts', import.meta.url),
	);
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const paths = source.statements.find(
		(s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Paths',
	);
	if (!paths) throw new Error('no Paths interface in discord-api-spec');
	const table = new Map<string, SpecOperation>();
	for (const p of paths.members) {
		if (!ts.isPropertySignature(p) || !p.type || !ts.isTypeLiteralNode(p.type)) continue;
		const path = p.name.getText().replace(/"/g, '');
		for (const op of p.type.members) {
			if (!ts.isPropertySignature(op) || !op.type || !ts.isTypeLiteralNode(op.type)) continue;
			const method = op.name.getText().toUpperCase();
			const responses = new Map<string, z.ZodMiniType>();
			const res = member(op.type, 'responses')?.type;
			if (res && ts.isTypeLiteralNode(res))
				for (const r of res.members)
					if (ts.isPropertySignature(r) && r.type) responses.set(r.name.getText().replace(/"/g, ''), schemaOf(r.type));
			const body = member(op.type, 'requestBody')?.type;
			const request = body && body.kind !== ts.SyntaxKind.UndefinedKeyword ? schemaOf(body) : null;
			table.set(`${method} ${path}`, { method, path, responses, request });
		}
	}
	return table;
}

export const specOperations = load();

/** `/guilds/:guild_id/members/:user_id` and `/guilds/{guild_id}/members/{user_id}` alike → `/guilds/{}/members/{}`. */
export function pathShape(path: string): string {
	return path.replace(/\{[^}]+\}|:[A-Za-z_]+/g, '{}');
}

const byShape = new Map<string, SpecOperation>();
for (const op of specOperations.values()) byShape.set(`${op.method} ${pathShape(op.path)}`, op);

/** The spec operation of an emulator route (`GET /channels/:channel_id`), or undefined. */
export function specFor(method: string, path: string): SpecOperation | undefined {
	return byShape.get(`${method} ${pathShape(path)}`);
}

// ---- unknown keys: fields the spec does not list for that schema ---------------------------------

interface Def {
	type: string;
	shape?: Record<string, z.ZodMiniType>;
	innerType?: z.ZodMiniType;
	getter?: () => z.ZodMiniType;
	element?: z.ZodMiniType;
	options?: z.ZodMiniType[];
	left?: z.ZodMiniType;
	right?: z.ZodMiniType;
	valueType?: z.ZodMiniType;
	in?: z.ZodMiniType;
	catchall?: z.ZodMiniType;
}

const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
	let s = schema;
	for (;;) {
		const def = defOf(s);
		if (def.innerType) s = def.innerType;
		else if (def.getter) s = def.getter();
		else if (def.type === 'pipe' && def.in) s = def.in;
		else return s;
	}
}

/** The fields an object schema (or an intersection of them) allows; null when it is no object. */
function shapeOf(schema: z.ZodMiniType): Record<string, z.ZodMiniType> | null {
	const def = defOf(unwrap(schema));
	if (def.type === 'object') return def.catchall ? null : (def.shape ?? {});
	if (def.type === 'intersection' && def.left && def.right) {
		const l = shapeOf(def.left);
		const r = shapeOf(def.right);
		return l && r ? { ...l, ...r } : null;
	}
	return null;
}

/** Paths of the keys in `value` that `schema` does not describe (the spec's objects are open). */
export function unknownKeys(schema: z.ZodMiniType, value: unknown, path = ''): string[] {
	if (value === null || typeof value !== 'object') return [];
	const s = unwrap(schema);
	const def = defOf(s);
	if (Array.isArray(value))
		return def.type === 'array' && def.element
			? value.flatMap((v) => unknownKeys(def.element as z.ZodMiniType, v, `${path}[]`))
			: [];
	if (def.type === 'union' && def.options) {
		const fits = def.options.filter((o) => z.safeParse(o, value).success);
		const candidates = fits.length ? fits : def.options;
		let best: string[] | null = null;
		for (const o of candidates) {
			const found = unknownKeys(o, value, path);
			if (best === null || found.length < best.length) best = found;
		}
		return best ?? [];
	}
	if (def.type === 'record' && def.valueType)
		return Object.entries(value).flatMap(([k, v]) => unknownKeys(def.valueType as z.ZodMiniType, v, `${path}.${k}`));
	const shape = shapeOf(s);
	if (!shape) return [];
	const out: string[] = [];
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		const field = shape[k];
		if (!field) out.push(`${path}.${k}`);
		else out.push(...unknownKeys(field, v, `${path}.${k}`));
	}
	return out;
}

/** A field path in one spelling for both checks: `.roles[].name` (array indices as `[]`). */
export function fieldPath(parts: readonly PropertyKey[]): string {
	return parts.map((p) => (typeof p === 'number' ? '[]' : `.${String(p)}`)).join('');
}

/** Zod's complaints about `value` (missing or mistyped fields). */
export function violations(schema: z.ZodMiniType, value: unknown): { at: string; message: string }[] {
	const result = z.safeParse(schema, value);
	if (result.success) return [];
	return result.error.issues.flatMap((i) => explain(i as Issue, []));
}

interface Issue {
	code: string;
	path: PropertyKey[];
	message: string;
	errors?: Issue[][];
}

/** A failed union says only "Invalid input": report the issues of the branch that came closest. */
function explain(issue: Issue, prefix: PropertyKey[]): { at: string; message: string }[] {
	const path = [...prefix, ...issue.path];
	if (issue.code === 'invalid_union' && issue.errors?.length) {
		// A branch failing at its root or on its `type` tag is another kind of object: rank it last.
		const off = (branch: Issue[]) =>
			branch.some((i) => i.path.length === 0 || (i.path.length === 1 && i.path[0] === 'type')) ? 1000 : 0;
		const closest = [...issue.errors].sort((a, b) => off(a) + a.length - (off(b) + b.length))[0] ?? [];
		if (closest.length) return closest.flatMap((i) => explain(i, path));
	}
	return [{ at: fieldPath(path), message: issue.message }];
}

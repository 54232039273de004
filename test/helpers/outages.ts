import { createRequire } from 'node:module';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

/** The bits of better-sqlite3 (MikroORM's SQLite driver, untyped here) the lock needs. */
interface SqliteConnection {
	pragma(sql: string): unknown;
	exec(sql: string): void;
	close(): void;
}
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => SqliteConnection;

/** A way to make Foyer's database unavailable for a while and back, without touching the shared server. */
export interface Outage {
	/** From now on the database does not answer Foyer. */
	begin(): Promise<void>;
	/** It answers again. */
	end(): Promise<void>;
	close(): Promise<void>;
}

/**
 * A TCP proxy in front of PostgreSQL that Foyer connects through (DATABASE_URL pointed at it). An
 * outage cuts every open connection and refuses new ones, as a database restart or a lost network
 * would, while the shared server itself keeps serving everyone else.
 */
export class TcpProxy implements Outage {
	readonly sockets = new Set<Socket>();
	/** While true, every connection is cut and new ones are refused. */
	down = false;

	private constructor(
		private readonly server: Server,
		readonly port: number,
	) {}

	static async start(target: { host: string; port: number }): Promise<TcpProxy> {
		let proxy: TcpProxy | null = null;
		const server = createServer((client) => {
			if (!proxy || proxy.down) return void client.destroy();
			const upstream = connect(target.port, target.host);
			const pair = [client, upstream];
			for (const s of pair) {
				proxy.sockets.add(s);
				s.on('error', () => undefined);
				s.on('close', () => {
					proxy?.sockets.delete(s);
					for (const other of pair) other.destroy();
				});
			}
			client.pipe(upstream).pipe(client);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
		return proxy;
	}

	/** `url` with its host and port replaced by the proxy's. */
	urlFor(url: string): string {
		const u = new URL(url);
		u.hostname = '127.0.0.1';
		u.port = String(this.port);
		return u.toString();
	}

	async begin(): Promise<void> {
		this.down = true;
		for (const s of this.sockets) s.destroy();
	}

	async end(): Promise<void> {
		this.down = false;
	}

	async close(): Promise<void> {
		await this.begin();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/**
 * SQLite has no server to stop: the outage is another process's connection holding the write lock
 * (an EXCLUSIVE transaction, as a backup tool or a `sqlite3` shell left in a transaction would).
 * Foyer's writes wait out their busy timeout and fail with SQLITE_BUSY until the lock is released;
 * reads go on (WAL).
 */
export class SqliteWriteLock implements Outage {
	#db: SqliteConnection | null = null;

	constructor(private readonly dataDir: string) {}

	async begin(): Promise<void> {
		this.#db = new Sqlite(join(this.dataDir, 'foyer.db'));
		this.#db.pragma('busy_timeout = 10000');
		this.#db.exec('begin exclusive');
	}

	async end(): Promise<void> {
		this.#db?.exec('rollback');
		this.#db?.close();
		this.#db = null;
	}

	async close(): Promise<void> {
		if (this.#db) await this.end();
	}
}

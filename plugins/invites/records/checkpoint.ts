import type { Checkpoint } from '../attribution/index.ts';
import plugin from '../plugin.ts';
import { json, type Sql, sqlOn } from './sql.ts';

export async function loadCheckpoint(guildId: string, sql: Sql = sqlOn()): Promise<Checkpoint | null> {
	const [row] = await sql('select checkpoint from invite_checkpoints where guild_id = ?', [guildId]);
	return row ? json<Checkpoint | null>(row.checkpoint, null) : null;
}

export async function saveCheckpoint(guildId: string, checkpoint: Checkpoint, sql: Sql = sqlOn()): Promise<void> {
	await sql(
		`insert into invite_checkpoints (guild_id, checkpoint, at_ms) values (?, ?, ?)
		 on conflict (guild_id) do update set checkpoint = excluded.checkpoint, at_ms = excluded.at_ms`,
		[guildId, JSON.stringify(checkpoint), plugin.now()],
	);
}

/**
 * npm run bench:reload
 *
 * While joins flow through the emulator at RATE per second to a fixture plugin, reload that plugin
 * RELOADS times. Reports reload time (median, p95), events lost (joins the plugin never saw), and RSS
 * retained per reload (after forced GC). The same-run floor is the cost of re-importing the plugin's
 * modules at a new generation without touching Sapphire: what a reload cannot go below.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { bumpGeneration, moduleUrl } from '../src/core/plugins/module-generations.ts';
import { MemoryPluginStateStore } from '../src/core/plugins/plugin-state.ts';
import { EmbeddedScheduler } from '../src/core/scheduling/embedded-scheduler.ts';
import { MemoryJobStore } from '../src/core/scheduling/job-store.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { Foyer } from '../src/foyer.ts';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 50);
const RATE = Number(process.env.BENCH_JOIN_RATE ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:reload does)');

const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const rssMb = () => {
	gc();
	gc();
	return process.memoryUsage().rss / 1_048_576;
};

const root = resolve('test-artifacts', `bench-reload-${process.pid}`);
mkdirSync(root, { recursive: true });
cpSync(resolve('test/fixtures/plugins/counter'), join(root, 'counter'), { recursive: true });

const emulator = await Emulator.start({ demo: true });
const foyer = await Foyer.start({
	token: emulator.token,
	restApi: emulator.apiUrl,
	pluginRoots: [root],
	logger: pino({ level: 'silent' }),
	state: new MemoryPluginStateStore(),
	scheduler: new EmbeddedScheduler(new MemoryJobStore(), pino({ level: 'silent' })),
});
const guildId = emulator.demo?.guild.id as string;
const seen = () => ((globalThis as Record<string, unknown>).__counterSeen as string[] | undefined) ?? [];

// Joins at a steady rate, in the background, for the whole run.
let sent = 0;
let flowing = true;
const flow = (async () => {
	const interval = 1000 / RATE;
	let next = performance.now();
	while (flowing) {
		emulator.world.join(guildId, emulator.world.createUser({ username: `j${sent}` }).id);
		sent++;
		next += interval;
		const wait = next - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		else if (sent % 50 === 0) await new Promise((r) => setImmediate(r));
	}
})();

for (let i = 0; i < 5; i++) await foyer.plugins.reload('counter');
const rssBefore = rssMb();
const times: number[] = [];
for (let i = 0; i < RELOADS; i++) {
	const started = performance.now();
	await foyer.plugins.reload('counter');
	times.push(performance.now() - started);
	await new Promise((r) => setTimeout(r, 20));
}
const rssAfter = rssMb();

// Floor: re-importing the plugin's own modules at a new generation, no Sapphire involved.
const floor: number[] = [];
for (let i = 0; i < 20; i++) {
	bumpGeneration(join(root, 'counter'));
	const started = performance.now();
	await import(moduleUrl(join(root, 'counter'), join(root, 'counter/plugin.ts')));
	await import(moduleUrl(join(root, 'counter'), join(root, 'counter/listeners/member-add.ts')));
	floor.push(performance.now() - started);
}

flowing = false;
await flow;
const deadline = Date.now() + 5000;
while (new Set(seen()).size < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const lost = sent - new Set(seen()).size;

await foyer.stop();
await emulator.close();
rmSync(root, { recursive: true, force: true });

const summary = {
	reload_ms_median: Number(percentile(times, 50).toFixed(2)),
	reload_ms_p95: Number(percentile(times, 95).toFixed(2)),
	events_lost: lost,
	events_sent: sent,
	retained_mb_per_reload: Number(((rssAfter - rssBefore) / RELOADS).toFixed(3)),
	floor_import_ms_median: Number(percentile(floor, 50).toFixed(2)),
	reloads: RELOADS,
	join_rate_per_s: RATE,
	targets: { reload_ms_median: 250, events_lost: 0, retained_mb_per_reload: 1 },
	meets_targets: percentile(times, 50) <= 250 && lost === 0 && (rssAfter - rssBefore) / RELOADS <= 1,
};
console.log(JSON.stringify(summary));
process.exit(0);

/**
 * npm run bench:emulator
 *
 * 1. Gateway: events per second dispatched by the emulator and received by one connected, unmodified
 *    discord.js client (GUILD_MEMBER_ADD, counted in the client's guildMemberAdd handler).
 * 2. REST: requests per second on POST /channels/:id/messages from autocannon (50 connections), against
 *    the emulator in its own process, and against a floor measured in the same run: a bare node:http
 *    server answering the same bytes.
 * Each figure is the median of RUNS runs. Last line: one JSON object.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { Events } from 'discord.js';
import { Emulator } from '../src/emulator/emulator.ts';
import { connectClient } from '../src/emulator/testing/client.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const REST_SECONDS = Number(process.env.BENCH_REST_SECONDS ?? 5);
const TARGET = { events_per_s: 5_000, rest_req_per_s: 5_000 };

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function gatewayRun(): Promise<number> {
	const emulator = await Emulator.start({ demo: true });
	const client = await connectClient(emulator);
	const guildId = emulator.demo?.guild.id as string;
	const users = Array.from({ length: EVENTS }, (_, i) => emulator.world.createUser({ username: `bench${i}` }).id);
	let received = 0;
	const done = new Promise<void>((resolve) => {
		client.on(Events.GuildMemberAdd, () => {
			if (++received === EVENTS) resolve();
		});
	});
	const started = performance.now();
	// Joins in batches, yielding so the socket can drain as it would with a real event source.
	for (let i = 0; i < EVENTS; i += 500) {
		for (const id of users.slice(i, i + 500)) emulator.world.join(guildId, id);
		await new Promise((r) => setImmediate(r));
	}
	await done;
	const seconds = (performance.now() - started) / 1000;
	await client.destroy();
	await emulator.close();
	return EVENTS / seconds;
}

async function cannon(
	url: string,
	headers: Record<string, string>,
	body: string,
): Promise<{ rps: number; errors: number; non2xx: number }> {
	const result = await autocannon({ url, method: 'POST', headers, body, connections: 50, duration: REST_SECONDS });
	// Median of the per-second samples, not the mean: one slow second (GC, a neighbour) should not decide.
	return { rps: result.requests.p50, errors: result.errors, non2xx: result.non2xx };
}

async function startEmulatorProcess(): Promise<{ child: ChildProcess; url: string; token: string; channelId: string }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--rate-limits', 'off'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout?.on('data', (d: Buffer) => {
			out += d.toString();
			const m = out.match(/listening on (http:\/\/\S+)/);
			if (m) resolve(m[1] as string);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
	});
	const info = (await (await fetch(`${url}/_emulator`)).json()) as {
		applications: { token: string }[];
		demo: { channels: Record<string, string> };
	};
	return { child, url, token: info.applications[0]?.token as string, channelId: info.demo.channels.general as string };
}

async function restRun(): Promise<{ emulator: number; floor: number; errors: number }> {
	const { child, url, token, channelId } = await startEmulatorProcess();
	const body = JSON.stringify({ content: 'benchmark message', allowed_mentions: { parse: [] } });
	const headers = { authorization: `Bot ${token}`, 'content-type': 'application/json' };
	const target = `${url}/api/v10/channels/${channelId}/messages`;
	const sample = await (await fetch(target, { method: 'POST', headers, body })).text();
	const emu = await cannon(target, headers, body);
	child.kill();

	// Floor: the same bytes from a bare node:http server in its own process.
	const floorServer = spawn(
		process.execPath,
		[
			'-e',
			`const b=Buffer.from(${JSON.stringify(sample)});require('node:http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':b.length});s.end(b)})}).listen(0,'127.0.0.1',function(){console.log('listening on http://127.0.0.1:'+this.address().port)})`,
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const floorUrl = await new Promise<string>((resolve) => {
		floorServer.stdout?.on('data', (d: Buffer) => {
			const m = d.toString().match(/listening on (http:\/\/\S+)/);
			if (m) resolve(m[1] as string);
		});
	});
	const floor = await cannon(`${floorUrl}/api/v10/channels/${channelId}/messages`, headers, body);
	floorServer.kill();
	return { emulator: emu.rps, floor: floor.rps, errors: emu.errors + emu.non2xx };
}

const events: number[] = [];
const rest: number[] = [];
const floors: number[] = [];
let restErrors = 0;
for (let i = 0; i < RUNS; i++) {
	events.push(await gatewayRun());
	const r = await restRun();
	rest.push(r.emulator);
	floors.push(r.floor);
	restErrors += r.errors;
	console.error(
		`run ${i + 1}/${RUNS}: ${Math.round(events.at(-1) ?? 0)} events/s, ${Math.round(r.emulator)} REST req/s (node:http floor ${Math.round(r.floor)})`,
	);
}
const summary = {
	events_per_s: Math.round(median(events)),
	rest_req_per_s: Math.round(median(rest)),
	rest_http_floor_req_per_s: Math.round(median(floors)),
	rest_ratio_to_http_floor: Number((median(rest) / median(floors)).toFixed(3)),
	rest_errors: restErrors,
	runs: RUNS,
	events_per_run: EVENTS,
	target_events_per_s: TARGET.events_per_s,
	target_rest_req_per_s: TARGET.rest_req_per_s,
	// A run with failed requests measured errors, not the route: it cannot meet the target.
	meets_targets: restErrors === 0 && median(events) >= TARGET.events_per_s && median(rest) >= TARGET.rest_req_per_s,
};
console.log(JSON.stringify(summary));

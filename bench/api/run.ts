// API benchmark: Trellis on PostgreSQL (the data of bench/api/generate.ts) under autocannon.
//   npx tsx bench/api/run.ts [--database trellis_bench] [--connections 50] [--duration 20] [--warmup 5] [--rounds 3]
// Starts `trellis start` as a separate process, signs in as a member (not a facilitator) of the
// largest alliance, then measures with autocannon at 50 connections: the alliance home, the first
// page of the activity list (limit 50) and a page deep in the history (cursor = seq 1000, i.e.
// 9,000 events back), plus two baselines: /api/health without a session (no query) and with one
// (one query), which price a query round trip. Each endpoint is warmed up, then measured `rounds`
// times (the endpoints take turns, so they meet the same background load); the medians over
// rounds are reported, with the CPU per request of Trellis, PostgreSQL and autocannon read from
// /proc. Any non-2xx answer or connection error fails the run. Also runs EXPLAIN ANALYZE on the
// SQL the routes send (captured from Kysely's log) and writes bench/api/results.md and .json.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listEvents, loadAllianceHome, type Schema } from "@trellis/db";
import { loadViewerStamped } from "@trellis/server";
import autocannon from "autocannon";
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import { backendCpu, clockTicks, groupCpu, machineJiffies } from "./cpu";
import { isBaseline, renderResults, type BenchResults, type Run } from "./report";
import { benchDatabaseUrl, benchPassword } from "./generate";
import { freePort, signIn, startTrellis } from "../support/trellis-process";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const targetP99Ms = 50;

const { values: args } = parseArgs({
  options: {
    database: { type: "string", default: "trellis_bench" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    out: { type: "string", default: path.join(here, "results") },
  },
});
const connections = Number(args.connections);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const rounds = Number(args.rounds);
const databaseUrl = benchDatabaseUrl(args.database);

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The viewer the benchmark signs in as: a plain member of the alliance with the most people. */
async function pickSubject() {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const alliance = await client.query<{ id: string; slug: string; people: number; seats: number; events: number }>(`
      select a.id, a.slug, count(distinct m.person_id)::int as people,
             (select count(*)::int from seats s where s.alliance_id = a.id) as seats,
             (select seq from chain_heads h where h.alliance_id = a.id) as events
      from alliances a join memberships m on m.alliance_id = a.id
      group by a.id order by people desc, a.slug limit 1`);
    const a = alliance.rows[0];
    if (!a) throw new Error(`no alliances in ${databaseUrl}: run npx tsx bench/api/generate.ts first`);
    const person = await client.query<{ id: string; email: string; seat_id: string }>(
      `select p.id, p.email, m.seat_id from memberships m join people p on p.id = m.person_id
       where m.alliance_id = $1 and m.role = 'member'
         and not exists (select 1 from memberships o where o.alliance_id = m.alliance_id and o.person_id = m.person_id and o.role <> 'member')
       order by p.email limit 1`,
      [a.id],
    );
    const p = person.rows[0];
    if (!p) throw new Error(`no plain member in alliance ${a.slug}`);
    const counts = await client.query<{ table: string; n: number }>(
      `select 'alliances' as table, count(*)::int as n from alliances union all select 'people', count(*)::int from people
       union all select 'seats', count(*)::int from seats union all select 'memberships', count(*)::int from memberships
       union all select 'events', count(*)::int from events`,
    );
    const pgVersion = await client.query<{ server_version: string }>("show server_version");
    return { alliance: a, person: p, counts: Object.fromEntries(counts.rows.map((r) => [r.table, r.n])), postgres: pgVersion.rows[0]?.server_version ?? "?" };
  } finally {
    await client.end();
  }
}

interface Endpoint {
  key: string;
  label: string;
  path: string;
  /** The session cookie; none for the baseline. */
  cookie: string | null;
  check: (body: unknown) => string | null;
}

/** Watches the CPU the server, its database backends and this process spend during a run. */
class CpuMeter {
  constructor(
    private readonly monitor: pg.Client,
    private readonly serverGroup: number,
  ) {}

  private backends(): Promise<Map<number, number>> {
    return backendCpu(this.monitor);
  }

  async start() {
    return { backends: await this.backends(), server: groupCpu(this.serverGroup), self: process.cpuUsage(), machine: machineJiffies() };
  }

  async stop(before: Awaited<ReturnType<CpuMeter["start"]>>) {
    const after = await this.backends();
    let postgres = 0;
    for (const [pid, ms] of after) postgres += ms - (before.backends.get(pid) ?? 0);
    const self = process.cpuUsage(before.self);
    const machine = machineJiffies();
    const busyMs = ((machine.busy - before.machine.busy) * 1000) / clockTicks;
    const totalMs = ((machine.total - before.machine.total) * 1000) / clockTicks;
    const server = groupCpu(this.serverGroup) - before.server;
    const loadGenerator = (self.user + self.system) / 1000;
    return { server, postgres, loadGenerator, machineBusy: busyMs / totalMs, otherBusy: Math.max(0, busyMs - server - postgres - loadGenerator) / totalMs };
  }
}

async function measure(url: string, meter: CpuMeter, endpoint: Endpoint, seconds: number, conns: number): Promise<Run> {
  const before = await meter.start();
  const result = await autocannon({ url: `${url}${endpoint.path}`, connections: conns, duration: seconds, headers: endpoint.cookie ? { cookie: endpoint.cookie } : {} });
  const cpu = await meter.stop(before);
  const n = Math.max(1, result.requests.total);
  return {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.average,
    rps: result.requests.total / result.duration,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMsPerRequest: { trellis: cpu.server / n, postgres: cpu.postgres / n, loadGenerator: cpu.loadGenerator / n },
    machineBusy: cpu.machineBusy,
    otherBusy: cpu.otherBusy,
  };
}

/** The SQL each route sends, captured from Kysely's log, and its EXPLAIN ANALYZE. */
async function explainRoutes(subject: Awaited<ReturnType<typeof pickSubject>>, deepCursor: number) {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log: (event) => void captured.push(event.query) });
  const person = { id: subject.person.id, email: subject.person.email, displayName: "", isAdmin: false, timeZone: "UTC" };
  const capture = async (run: () => Promise<unknown>) => {
    captured.length = 0;
    await run();
    return [...captured];
  };
  // The order the server runs them in (session hook, then the handler).
  const sessionLookup = await capture(() =>
    db
      .selectFrom("sessions as s")
      .innerJoin("people as p", "p.id", "s.person_id")
      .select(["p.id", "p.email", "p.display_name", "p.is_admin", "p.time_zone", "s.expires_at"])
      .where("s.token_hash", "=", "0".repeat(64))
      .executeTakeFirst(),
  );
  // Every read of the home or the activity: the viewer and the alliance's stamp in one statement.
  const viewerQueries = await capture(() => loadViewerStamped(db, subject.alliance.id, person));
  const { viewer } = await loadViewerStamped(db, subject.alliance.id, person);
  // Only when the stamp changed (a write, a rename) or the page is not cached yet.
  const homeQueries = await capture(() => loadAllianceHome(db, subject.alliance.id));
  const eventsQueries = await capture(() => listEvents(db, subject.alliance.id, viewer, { limit: 50 }));
  const deepQueries = await capture(() => listEvents(db, subject.alliance.id, viewer, { beforeSeq: deepCursor, limit: 50 }));
  const plans: { route: string; sql: string; executionMs: number; planningMs: number; plan: string }[] = [];
  const client = await pool.connect();
  try {
    const explain = async (route: string, query: CompiledQuery) => {
      // Twice: the first run warms the cache, the second is reported.
      await client.query(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]);
      const res = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]);
      const lines = res.rows.map((r) => r["QUERY PLAN"]);
      const ms = (label: string) => Number(/([\d.]+) ms/.exec(lines.find((l) => l.startsWith(label)) ?? "")?.[1] ?? NaN);
      plans.push({ route, sql: query.sql, executionMs: ms("Execution Time"), planningMs: ms("Planning Time"), plan: lines.join("\n") });
    };
    for (const q of sessionLookup) await explain("session (onRequest hook; cached 2 s per token)", q);
    for (const q of viewerQueries) await explain("every read: the viewer and the alliance's stamp", q);
    for (const q of homeQueries) await explain("alliance home, on a cache miss", q);
    for (const q of eventsQueries) await explain("activity, first page, on a cache miss", q);
    for (const q of deepQueries) await explain(`activity, cursor ${deepCursor}, on a cache miss`, q);
  } finally {
    client.release();
    await db.destroy();
  }
  return { queriesPerRequest: { home: viewerQueries.length, events: viewerQueries.length }, viewerQueries: viewerQueries.length, plans };
}

// ---------------------------------------------------------------------------------------------

const subject = await pickSubject();
const deepCursor = 1000;
log(`database ${databaseUrl}: ${JSON.stringify(subject.counts)}; PostgreSQL ${subject.postgres}`);
log(`signing in as ${subject.person.email}, a member of ${subject.alliance.slug} (${subject.alliance.people} people, ${subject.alliance.seats} seats, ${subject.alliance.events} events)`);

const endpoints: Endpoint[] = [
  {
    key: "home",
    label: "Alliance home `GET /api/v1/alliances/:id`",
    path: `/api/v1/alliances/${subject.alliance.id}`,
    cookie: null,
    check: (body) => ((body as { seats?: unknown[] }).seats?.length === subject.alliance.seats ? null : "the home does not list every seat"),
  },
  {
    key: "events",
    label: "Activity, first page `GET /api/v1/alliances/:id/events?limit=50`",
    path: `/api/v1/alliances/${subject.alliance.id}/events?limit=50`,
    cookie: null,
    check: (body) => {
      const items = (body as { items?: { seq: number }[] }).items ?? [];
      return items.length === 50 && items[0]!.seq > 9000 ? null : `expected 50 recent events, got ${items.length}`;
    },
  },
  {
    key: "eventsDeep",
    label: `Activity, deep page \`GET /api/v1/alliances/:id/events?limit=50&cursor=${deepCursor}\``,
    path: `/api/v1/alliances/${subject.alliance.id}/events?limit=50&cursor=${deepCursor}`,
    cookie: null,
    check: (body) => {
      const items = (body as { items?: { seq: number }[] }).items ?? [];
      return items.length === 50 && items[0]!.seq < deepCursor ? null : `expected 50 events before seq ${deepCursor}, got ${items.length}`;
    },
  },
  {
    key: "baseline",
    label: "Baseline: `GET /api/health` (no session, no query)",
    path: "/api/health",
    cookie: null,
    check: (body) => ((body as { ok?: boolean }).ok === true ? null : "health is not ok"),
  },
  {
    key: "baselineSession",
    label: "Baseline: `GET /api/health` with the session cookie (the session lookup, cached 2 s per token)",
    path: "/api/health",
    cookie: null,
    check: (body) => ((body as { ok?: boolean }).ok === true ? null : "health is not ok"),
  },
];
const signedIn = endpoints.filter((e) => e.key !== "baseline");

const loadBefore = os.loadavg();
const startedAt = new Date();
const port = await freePort();
const server = await startTrellis(databaseUrl, port, { log });
const cleanup = () => void server.stop();
process.once("SIGINT", cleanup);
process.once("SIGTERM", cleanup);
const monitor = new pg.Client({ connectionString: databaseUrl });
await monitor.connect();
const runs = new Map<string, Run[]>(endpoints.map((e) => [e.key, []]));
const single = new Map<string, Run>();
let failure: string | null = null;
try {
  log(`Trellis is listening at ${server.url} (pid ${server.child.pid})`);
  const cookie = await signIn(server.url, subject.person.email, benchPassword);
  for (const endpoint of signedIn) endpoint.cookie = cookie;
  for (const endpoint of endpoints) {
    const res = await fetch(`${server.url}${endpoint.path}`, { headers: endpoint.cookie ? { cookie: endpoint.cookie } : {} });
    const body: unknown = await res.json();
    if (res.status !== 200) throw new Error(`${endpoint.path} answered ${res.status}: ${JSON.stringify(body)}`);
    const problem = endpoint.check(body);
    if (problem) throw new Error(`${endpoint.path}: ${problem}`);
  }
  log("every endpoint answers 200 with the expected content");
  const meter = new CpuMeter(monitor, server.child.pid!);

  for (const endpoint of endpoints) {
    log(`warm-up ${warmup} s: ${endpoint.key}`);
    await measure(server.url, meter, endpoint, warmup, connections);
  }
  for (const endpoint of endpoints) {
    const run = await measure(server.url, meter, endpoint, 5, 1);
    single.set(endpoint.key, run);
    log(`1 connection, 5 s, ${endpoint.key}: p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.rps.toFixed(0)} req/s`);
  }
  for (let round = 1; round <= rounds; round++) {
    for (const endpoint of endpoints) {
      const run = await measure(server.url, meter, endpoint, duration, connections);
      runs.get(endpoint.key)!.push(run);
      const cpu = run.cpuMsPerRequest;
      log(
        `round ${round}/${rounds}, ${endpoint.key}: p50 ${run.p50} ms, p99 ${run.p99} ms, max ${run.max} ms, ${run.rps.toFixed(0)} req/s, ${run.requests} requests, non-2xx ${run.non2xx}, errors ${run.errors}; ` +
          `CPU ms/request Trellis ${cpu.trellis.toFixed(2)}, PostgreSQL ${cpu.postgres.toFixed(2)}, autocannon ${cpu.loadGenerator.toFixed(2)}; machine ${(run.machineBusy * 100).toFixed(0)}% busy, other work ${(run.otherBusy * 100).toFixed(0)}%`,
      );
      if (run.non2xx > 0 || run.errors > 0) failure ??= `${endpoint.key} round ${round}: ${run.non2xx} non-2xx answers, ${run.errors} connection errors (${run.timeouts} timeouts)`;
    }
  }
} finally {
  await monitor.end();
  await server.stop();
  process.off("SIGINT", cleanup);
  process.off("SIGTERM", cleanup);
}
const loadAfter = os.loadavg();
log("Trellis stopped");

log("EXPLAIN ANALYZE of the routes' queries");
const explained = await explainRoutes(subject, deepCursor);

// ---------------------------------------------------------------------------------------------

const summary = endpoints.map((endpoint) => {
  const list = runs.get(endpoint.key)!;
  const med = (f: (r: Run) => number) => median(list.map(f));
  return {
    key: endpoint.key,
    label: endpoint.label,
    path: endpoint.path.replace(subject.alliance.id, ":id"),
    p50: med((r) => r.p50),
    p99: med((r) => r.p99),
    rps: med((r) => r.rps),
    non2xx: list.reduce((s, r) => s + r.non2xx, 0),
    errors: list.reduce((s, r) => s + r.errors, 0),
    meetsTarget: med((r) => r.p99) < targetP99Ms,
    cpuMsPerRequest: { trellis: med((r) => r.cpuMsPerRequest.trellis), postgres: med((r) => r.cpuMsPerRequest.postgres), loadGenerator: med((r) => r.cpuMsPerRequest.loadGenerator) },
    machineBusy: med((r) => r.machineBusy),
    otherBusy: med((r) => r.otherBusy),
    runs: list,
    oneConnection: single.get(endpoint.key) ?? null,
  };
});

const cpuModel = os.cpus()[0]?.model.trim() ?? "?";
const machine = {
  cpu: cpuModel,
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  kernel: `${os.type()} ${os.release()}`,
  node: process.version,
  postgres: subject.postgres,
  loadBefore: loadBefore.map((l) => Number(l.toFixed(2))),
  loadAfter: loadAfter.map((l) => Number(l.toFixed(2))),
};
const json: BenchResults = {
  date: startedAt.toISOString(),
  commands: ["npx tsx bench/api/generate.ts", `npx tsx bench/api/run.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(" ")}` : ""}`],
  server: `npx tsx packages/cli/src/main.ts start --database-url ${databaseUrl} --port <free port> --no-demo`,
  serverSettings: { nodeEnv: "production", dbPool: Number(process.env.TRELLIS_DB_POOL ?? 10) },
  machine,
  data: subject.counts,
  subject: { alliance: subject.alliance, person: subject.person.email, role: "member" },
  settings: { connections, durationSeconds: duration, warmupSeconds: warmup, rounds, targetP99Ms },
  endpoints: summary,
  queries: explained,
  failure,
};
writeFileSync(`${args.out}.json`, `${JSON.stringify(json, null, 2)}\n`);

const md = renderResults(json);
writeFileSync(`${args.out}.md`, md);
log(`wrote ${path.relative(repoRoot, `${args.out}.md`)} and ${path.relative(repoRoot, `${args.out}.json`)}`);
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
for (const s of summary) log(`${s.key}: p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, ${s.rps.toFixed(0)} req/s${isBaseline(s.key) ? "" : `, target ${s.meetsTarget ? "met" : "MISSED"}`}`);
if (failure) {
  console.error(`FAILED: ${failure}`);
  process.exit(1);
}

// Renders bench/api/results.md from the measurements run.ts keeps in results.json; run alone, it
// re-renders the Markdown from the committed JSON without measuring again:
//   npx tsx bench/api/report.ts [bench/api/results]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One autocannon run of one endpoint. */
export interface Run {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time per request (ms): the Trellis process, its PostgreSQL backends, this load generator. */
  cpuMsPerRequest: CpuPerRequest;
  /** Share of the machine's cores busy during the run, and the part of it not ours (other work). */
  machineBusy: number;
  otherBusy: number;
}

export interface CpuPerRequest {
  trellis: number;
  postgres: number;
  loadGenerator: number;
}

/** An endpoint's medians over the rounds, with its runs. */
export interface EndpointSummary {
  key: string;
  label: string;
  path: string;
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  meetsTarget: boolean;
  cpuMsPerRequest: CpuPerRequest;
  machineBusy: number;
  otherBusy: number;
  runs: Run[];
  oneConnection: Run | null;
}

/** Everything results.json holds. */
export interface BenchResults {
  date: string;
  commands: string[];
  server: string;
  serverSettings: { nodeEnv: string; dbPool: number };
  machine: { cpu: string; cores: number; memoryGb: number; kernel: string; node: string; postgres: string; loadBefore: number[]; loadAfter: number[] };
  data: Record<string, number>;
  subject: { alliance: { id: string; slug: string; people: number; seats: number; events: number }; person: string; role: string };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; rounds: number; targetP99Ms: number };
  endpoints: EndpointSummary[];
  queries: { queriesPerRequest: { home: number; events: number }; viewerQueries: number; plans: { route: string; sql: string; executionMs: number; planningMs: number; plan: string }[] };
  failure: string | null;
}

/** Baseline rows (the HTTP stack's floor) are not held to the target. */
export const isBaseline = (key: string) => key.startsWith("baseline");

/** results.md from results.json. */
export function renderResults(json: BenchResults): string {
  const { machine, subject, settings } = json;
  const { connections, targetP99Ms, rounds, warmupSeconds: warmup, durationSeconds: duration } = settings;
  const summary = json.endpoints;
  const explained = json.queries;
  const database = /\/([a-z0-9_]+)$/.exec(json.server.split(" ").find((w) => w.startsWith("postgres")) ?? "")?.[1] ?? "trellis_bench";
  const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const cpuCell = (c: CpuPerRequest) => `${c.trellis.toFixed(2)} / ${c.postgres.toFixed(2)} / ${c.loadGenerator.toFixed(2)}`;
  const table = [
    `| Endpoint | p50 | p99 | Requests/s | Non-2xx | p99 < ${targetP99Ms} ms | CPU ms per request: Trellis / PostgreSQL / autocannon | Machine busy (other work) | 1 connection: p50 / p99 / req/s |`,
    "|---|---|---|---|---|---|---|---|---|",
    ...summary.map((s) => {
      const one = s.oneConnection;
      const target = isBaseline(s.key) ? "(baseline)" : s.meetsTarget ? "yes" : "**no**";
      return `| ${s.label} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${s.rps.toFixed(0)} | ${s.non2xx + s.errors} | ${target} | ${cpuCell(s.cpuMsPerRequest)} | ${pct(s.machineBusy)} (${pct(s.otherBusy)}) | ${one ? `${fmt(one.p50)} / ${fmt(one.p99)} / ${one.rps.toFixed(0)}` : "-"} |`;
    }),
  ];
  const runLines = summary.map(
    (s) => `- ${s.key}: ${s.runs.map((r, i) => `round ${i + 1} p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}, max ${fmt(r.max)}, ${r.rps.toFixed(0)} req/s (${r.requests} requests)`).join("; ")}`,
  );
  const planLines = explained.plans.map(
    (p) => `| ${p.route} | \`${p.sql.replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 150)}${p.sql.length > 150 ? "…" : ""}\` | ${p.executionMs.toFixed(3)} ms | ${p.planningMs.toFixed(3)} ms |`,
  );
  const routeRows = summary.filter((s) => !isBaseline(s.key));
  const met = routeRows.every((s) => s.meetsTarget);
  const worst = routeRows.reduce((w, s) => (s.p99 > w.p99 ? s : w), routeRows[0]!);
  const sqlMs = (route: string) => explained.plans.filter((p) => p.route.startsWith(route)).reduce((t, p) => t + p.executionMs, 0);
  const neededRps = Math.round((connections * 1000) / (targetP99Ms / 2));
  const reading = routeRows
    .map((s) => {
      const cap = 1000 / s.cpuMsPerRequest.trellis;
      return `- ${s.key}: ${fmt((connections * 1000) / s.rps)} mean latency by Little's law (${connections} connections / ${s.rps.toFixed(0)} req/s); the Trellis process spends ${s.cpuMsPerRequest.trellis.toFixed(2)} ms of CPU per request, so one Node process saturates at ~${cap.toFixed(0)} req/s on a core of its own; PostgreSQL spends ${s.cpuMsPerRequest.postgres.toFixed(2)} ms.`;
    })
    .join("\n");
  const b0 = summary.find((s) => s.key === "baseline")!;
  const b1 = summary.find((s) => s.key === "baselineSession")!;
  const total = (c: CpuPerRequest) => c.trellis + c.postgres + c.loadGenerator;
  const queryCount = (key: string) => (key === "home" ? explained.queriesPerRequest.home : explained.queriesPerRequest.events);
  const perQueryLines = routeRows
    .map((s) => {
      const q = queryCount(s.key);
      return `- ${s.key}: ${q} ${q === 1 ? "query" : "queries"} when cached; ${total(s.cpuMsPerRequest).toFixed(2)} ms of CPU per request (all processes); on ${machine.cores} idle cores that total caps throughput near ${((machine.cores * 1000) / total(s.cpuMsPerRequest)).toFixed(0)} req/s, i.e. a mean latency near ${fmt((connections * total(s.cpuMsPerRequest)) / machine.cores)} at ${connections} connections.`;
    })
    .join("\n");
  return `# API benchmark

Trellis's HTTP API on PostgreSQL under [autocannon](https://github.com/mcollina/autocannon) with
${connections} connections: the alliance home and the activity list of the largest generated alliance,
read by one of its plain members (role member, one seat; not a facilitator, so the visibility
filter does work), and \`/api/health\` as the floor of the HTTP stack.

- Commands: \`npx tsx bench/api/generate.ts && npx tsx bench/api/run.ts\`
  (\`generate.ts\` drops and recreates the database \`${database}\`; \`run.ts\` starts
  \`${json.server}\` with NODE_ENV=production and the default pool of ${json.serverSettings.dbPool}
  database connections as a separate process, signs in, measures, stops it).
- Data: ${Object.entries(json.data)
  .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
  .join(", ")} (10,000 events per alliance,
  hash-chained; ~85% visible to the alliance, ~10% to named seats, ~5% to facilitators; seed 20261124).
- Subject: ${subject.person}, member of \`${subject.alliance.slug}\` (${subject.alliance.people} people, ${subject.alliance.seats} seats, ${subject.alliance.events.toLocaleString("en")} events).
- Method: a ${warmup} s warm-up per endpoint at ${connections} connections, one 5 s run per endpoint at 1 connection
  (latency without queueing), then ${rounds} rounds of ${duration} s per endpoint at ${connections} connections, the
  endpoints taking turns so they meet the same background load. Reported: the median over the
  rounds of p50, p99 and requests/s (requests / duration; autocannon records latency in whole ms). Every answer must be 2xx: this run had
  ${summary.reduce((s, e) => s + e.non2xx + e.errors, 0)} non-2xx answers or connection errors. CPU per request is read from /proc (the
  \`trellis start\` process group, the PostgreSQL backends of the bench database, this process).
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.kernel}; Node ${machine.node};
  PostgreSQL ${machine.postgres} on the same machine. autocannon, Trellis and PostgreSQL share the ${machine.cores} cores.
- Load average (1/5/15 min) before ${machine.loadBefore.join(" / ")}, after ${machine.loadAfter.join(" / ")}: the machine is
  shared with other work ("other work" below is the share of the cores busy with processes
  that are not this benchmark), so absolute numbers move with it.
- Date: ${json.date.slice(0, 10)}.

Target: p99 under ${targetP99Ms} ms at ${connections} connections. **${met ? "Met" : `Missed`}**${met ? "." : ` (worst: ${worst.key}, p99 ${fmt(worst.p99)}).`}

${table.join("\n")}

Runs:
${runLines.join("\n")}

## Reading the numbers

With ${connections} connections each sending its next request as soon as the last one answers, the
mean latency is ${connections} / throughput (Little's law): a p99 under ${targetP99Ms} ms needs roughly
${neededRps.toLocaleString("en")} requests/s or more (a p50 near ${targetP99Ms / 2} ms). Latency here is queueing for CPU, not
SQL: the one query of a cached read takes ${sqlMs("every read").toFixed(2)} ms of execution inside PostgreSQL (table
below), and at 1 connection a request takes a few ms.
${reading}

The baselines are the floor of the HTTP stack: \`/api/health\` without a session costs ${b0.cpuMsPerRequest.trellis.toFixed(2)} ms of
Trellis CPU (${b0.rps.toFixed(0)} req/s, p99 ${fmt(b0.p99)}); with the session cookie (resolved from the session cache)
${b1.cpuMsPerRequest.trellis.toFixed(2)} ms (${b1.rps.toFixed(0)} req/s, p99 ${fmt(b1.p99)}).
${perQueryLines}

## How a read is served

The session is resolved from a 2 s in-process cache (sign-out and password changes evict it).
Then ONE statement (loadViewerStamped) returns the person's roles, seats and clean teams in the
alliance together with the alliance's stamp: its chain head (every change to an alliance appends
an event) and the versions of the alliance, its seats' organizations and its people (renamed
without an alliance event). The home's rows and each activity page (per visibility class:
facilitator or not, seats, clean teams; per cursor, limit and filter) are kept in a bounded
in-process cache under that stamp, so an unchanged alliance is served without loading its rows
again, and any change shows on the very next read (packages/server/src/routes/alliance-reads.api.test.ts).
A cache miss runs loadAllianceHome (one statement) or listEvents (a backward scan of
events_pkey with the visibility filter, stopping after 51 rows, at the head of the chain or
9,000 events deep alike). No index is missing, so no migration is added. EXPLAIN (ANALYZE,
BUFFERS), second execution, of each:

| Route | SQL | Execution | Planning |
|---|---|---|---|
${planLines.join("\n")}

The full plans are in results.json (\`queries.plans\`).

## What is left

A cached read costs ~${(total(routeRows[0]!.cpuMsPerRequest)).toFixed(2)} ms of CPU across Trellis, PostgreSQL and autocannon; on
${machine.cores} cores that caps throughput near ${((machine.cores * 1000) / total(routeRows[0]!.cpuMsPerRequest)).toFixed(0)} req/s, i.e. a mean latency near
${fmt((connections * total(routeRows[0]!.cpuMsPerRequest)) / machine.cores)} at ${connections} connections when nothing else runs. Most of it is PostgreSQL
parsing and planning the stamp statement (an unnamed statement each time); a prepared statement,
or a stamp kept in one row per alliance, would cut that further. The server is stateless apart
from these caches (each instance keeps its own; the stamp keeps them right), so more instances
scale reads across cores.
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
  const json = JSON.parse(readFileSync(`${base}.json`, "utf8")) as BenchResults;
  writeFileSync(`${base}.md`, renderResults(json));
  console.log(`wrote ${base}.md from ${base}.json`);
}

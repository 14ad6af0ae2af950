// Benchmark of the facilitator's health portfolio: one facilitator of 500 alliances,
// GET /api/v1/health/portfolio over real HTTP against `trellis start` on PostgreSQL.
// Run: npx tsx bench/health/portfolio.ts   (writes bench/health/portfolio-results.md)
// Needs PostgreSQL on 127.0.0.1:5432, user postgres with trust auth (TRELLIS_BENCH_PG_URL points
// elsewhere); drops and recreates the database trellis_bench_health (--database to change it).
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { canonicalJson, createRandom, pick, randomInt } from "@trellis/core";
import { genesisHash, hashEvent, migrate, openDatabase, visibilityColumns, type NewEvent } from "@trellis/db";
import { openContext, readConfig } from "@trellis/server";
import { hashPassword } from "@trellis/server/auth/passwords";
import { refreshStaleHealth } from "@trellis/server/jobs/health-refresh";
import pg from "pg";
import { groupCpu } from "../api/cpu";
import { freePort, signIn, startTrellis } from "../support/trellis-process";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    database: { type: "string", default: "trellis_bench_health" },
    alliances: { type: "string", default: "500" },
    requests: { type: "string", default: "1500" },
    concurrency: { type: "string", default: "1" },
    "skip-generate": { type: "boolean", default: false },
    seed: { type: "string", default: "8" },
    out: { type: "string", default: path.join(here, "portfolio-results.md") },
  },
});
const ALLIANCES = Number(args.alliances);
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const TARGET_P99_MS = 200;
const password = "trellis-bench-password";
const facilitatorEmail = "facilitator@bench.trellis.test";
const serverUrl = process.env.TRELLIS_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${args.database}`;
  return url.toString();
})();
const DAY = 86_400_000;
/** The history ends the day before the benchmark's evaluation time. */
const now = new Date("2026-11-24T12:00:00Z");

const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" / ");

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(random() * 4)] as string;
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

async function insertColumns(client: pg.ClientBase, table: string, columns: ReadonlyArray<readonly [string, string]>, rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 5000) {
    const batch = rows.slice(start, start + 5000);
    const names = columns.map(([name]) => name).join(", ");
    const unnest = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(", ");
    await client.query(`insert into ${table} (${names}) select * from unnest(${unnest})`, columns.map((_, c) => batch.map((row) => row[c])));
  }
}

type Kind = "healthy" | "one-sided" | "silent-seat";

/**
 * 500 alliances of 4–7 seats, each with six months of product events (requests and promises,
 * deliveries, agenda items and attended meetings, tensions) hash-chained as appendEvent does.
 * A fifth lean on one seat for everything (one-sided), a fifth have a seat that goes quiet.
 */
async function generate(): Promise<{ events: number; seconds: number }> {
  const started = performance.now();
  const random = createRandom(Number(args.seed));
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${args.database} with (force)`);
  await admin.query(`create database ${args.database}`);
  await admin.end();
  const database = await openDatabase({ url: databaseUrl });
  await migrate(database.db);
  await database.close();
  const hash = await hashPassword(password);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("set synchronous_commit = off");

  const facilitatorId = uuid(random);
  const people: unknown[][] = [[facilitatorId, facilitatorEmail, "Bench Facilitator", hash, "UTC"]];
  const organizations: unknown[][] = [];
  const alliances: unknown[][] = [];
  const seats: unknown[][] = [];
  const memberships: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const heads: unknown[][] = [];
  const start = now.getTime() - 182 * DAY;
  for (let a = 0; a < ALLIANCES; a++) {
    const allianceId = uuid(random);
    const kind: Kind = a % 5 === 1 ? "one-sided" : a % 5 === 2 ? "silent-seat" : "healthy";
    alliances.push([allianceId, `bench-health-${String(a + 1).padStart(3, "0")}`, `Alliance ${a + 1}`, "Benchmark alliance.", a % 10 === 0 ? "renewing" : "active", false, new Date(start), new Date(start)]);
    memberships.push([allianceId, facilitatorId, "facilitator", null, new Date(start)]);
    const seatList: { id: string; personId: string }[] = [];
    for (let s = 0, n = randomInt(random, 4, 7); s < n; s++) {
      const organizationId = uuid(random);
      const seatId = uuid(random);
      const personId = uuid(random);
      organizations.push([organizationId, `Organization ${a + 1}-${s + 1}`, pick(random, ["company", "ngo", "research", "public_agency"]), "bench", "https://bench.example"]);
      seats.push([seatId, allianceId, organizationId, 1, new Date(start)]);
      people.push([personId, `p${a + 1}-${s + 1}@bench.trellis.test`, `Delegate ${a + 1}-${s + 1}`, hash, "UTC"]);
      memberships.push([allianceId, personId, "delegate", seatId, new Date(start)]);
      seatList.push({ id: seatId, personId });
    }
    const quiet = seatList[seatList.length - 1] as { id: string; personId: string };
    let seq = 0;
    let prevHash = genesisHash;
    const push = (at: number, type: string, seatId: string | null, actorId: string | null, payload: Record<string, unknown>) => {
      seq++;
      const event: NewEvent & { seq: number; prevHash: string } = { allianceId, seq, type, actorId, seatId, visibility: { level: "alliance" }, payload, occurredAt: new Date(at), prevHash };
      const h = hashEvent(event);
      const vis = visibilityColumns(event.visibility);
      eventRows.push([allianceId, seq, type, actorId, seatId, vis.visibility, "{}", vis.clean_team_id, canonicalJson(payload), event.occurredAt, prevHash, h]);
      prevHash = h;
    };
    push(start, "alliance.created", null, facilitatorId, { name: `Alliance ${a + 1}` });
    for (const s of seatList) push(start + 60_000, "seat.added", s.id, facilitatorId, { seatId: s.id, organizationId: "x", weight: 1 });
    for (let week = 0; week < 26; week++) {
      const t = start + week * 7 * DAY + DAY;
      const active = (s: { id: string }) => kind !== "silent-seat" || s !== quiet || week < 12;
      const present = seatList.filter(active);
      const meetingId = uuid(random);
      for (const s of present) push(t, "attendance.recorded", s.id, s.personId, { meetingId, personId: s.personId, seatId: s.id, status: "present" });
      push(t + 3_600_000, "meeting.held", null, facilitatorId, { meetingId, title: `Week ${week + 1}`, scheduledStart: new Date(t).toISOString(), startedAt: new Date(t).toISOString() });
      for (let r = 0; r < 3; r++) {
        const customer = kind === "one-sided" ? (seatList[0] as { id: string; personId: string }) : pick(random, present);
        const performer = pick(random, seatList.filter((s) => s !== customer));
        const commitmentId = uuid(random);
        const at = t + (r + 1) * 7_200_000;
        const dueAt = new Date(at + randomInt(random, 7, random() < 0.3 ? 150 : 60) * DAY).toISOString();
        const parties = { customer: { seatId: customer.id, personId: customer.personId }, performer: { seatId: performer.id, personId: performer.personId }, terms: { conditions: "Done when shared.", dueAt, timeZone: "UTC" } };
        push(at, "commitment.requested", customer.id, customer.personId, { commitmentId, title: `Request ${week}-${r}`, move: "request", by: "customer", fromState: "start", state: "requested", ...parties });
        if (!active(performer)) continue;
        push(at + DAY, "commitment.promised", performer.id, performer.personId, { commitmentId, title: `Request ${week}-${r}`, move: "promise", by: "performer", fromState: "requested", state: "promised", firstResponse: { requestedAt: new Date(at).toISOString() }, ...parties });
        if (week < 24) {
          push(at + 5 * DAY, "commitment.reported", performer.id, performer.personId, { commitmentId, move: "report", by: "performer", fromState: "promised", state: "reported", ...parties });
          push(at + 6 * DAY, "commitment.accepted", customer.id, customer.personId, { commitmentId, move: "accept", by: "customer", fromState: "reported", state: "accepted", onTime: true, ...parties });
        }
      }
      const author = kind === "one-sided" ? (seatList[0] as { id: string }) : pick(random, present);
      push(t - DAY, "agenda_item.added", author.id, null, { meetingId, itemId: uuid(random), title: `Item ${week}`, seatId: author.id });
      if (week % 6 === 3) {
        const from = pick(random, present);
        const tensionId = uuid(random);
        push(t + 2 * DAY, "tension.raised", from.id, from.personId, { tensionId, title: `Tension ${week}`, anonymous: false, fromSeatId: from.id, targetSeatId: null });
        push(t + 20 * DAY, "tension.resolved", null, facilitatorId, { tensionId, title: `Tension ${week}` });
      }
    }
    heads.push([allianceId, seq, prevHash]);
  }
  await insertColumns(client, "people", [["id", "uuid"], ["email", "text"], ["display_name", "text"], ["password_hash", "text"], ["time_zone", "text"]], people);
  await insertColumns(client, "organizations", [["id", "uuid"], ["name", "text"], ["kind", "text"], ["sector", "text"], ["website", "text"]], organizations);
  await insertColumns(client, "alliances", [["id", "uuid"], ["slug", "text"], ["name", "text"], ["purpose", "text"], ["stage", "text"], ["has_competitors", "boolean"], ["created_at", "timestamptz"], ["updated_at", "timestamptz"]], alliances);
  await insertColumns(client, "seats", [["id", "uuid"], ["alliance_id", "uuid"], ["organization_id", "uuid"], ["weight", "float8"], ["created_at", "timestamptz"]], seats);
  await insertColumns(client, "memberships", [["alliance_id", "uuid"], ["person_id", "uuid"], ["role", "text"], ["seat_id", "uuid"], ["created_at", "timestamptz"]], memberships);
  const eventColumns = ["alliance_id uuid", "seq int4", "type text", "actor_id uuid", "seat_id uuid", "visibility text", "visible_seat_ids text", "clean_team_id uuid", "payload text", "occurred_at timestamptz", "prev_hash text", "hash text"].map((c) => c.split(" ") as [string, string]);
  for (let i = 0; i < eventRows.length; i += 5000) {
    const batch = eventRows.slice(i, i + 5000);
    await client.query(
      `insert into events (${eventColumns.map(([n]) => n).join(", ")}) select a, s, t, ac, se, v, vs::uuid[], ct, p::jsonb, o, ph, h from unnest(${eventColumns.map(([, type], c) => `$${c + 1}::${type}[]`).join(", ")}) as u(a, s, t, ac, se, v, vs, ct, p, o, ph, h)`,
      eventColumns.map((_, c) => batch.map((row) => row[c])),
    );
  }
  await insertColumns(client, "chain_heads", [["alliance_id", "uuid"], ["seq", "int4"], ["hash", "text"]], heads);
  await client.query("vacuum (analyze)");
  await client.end();
  return { events: eventRows.length, seconds: (performance.now() - started) / 1000 };
}

/** The database of an earlier run (--skip-generate): its events are counted, not made again. */
async function existing(): Promise<{ events: number; seconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const row = await client.query<{ n: number }>("select count(*)::int as n from events");
  await client.end();
  return { events: row.rows[0]?.n ?? 0, seconds: 0 };
}

interface Variant {
  label: string;
  path: string;
}

async function main() {
  const loadStart = load();
  log(`load average (1/5/15 min) at start: ${loadStart}`);
  const generated = args["skip-generate"] ? await existing() : await generate();
  log(`generated ${ALLIANCES} alliances, ${generated.events.toLocaleString("en")} events in ${generated.seconds.toFixed(1)} s`);

  // Compute every alliance's health as the refresh job does (real derivation, engine, alert storage).
  const ctx = await openContext(readConfig({ databaseUrl, demo: false }, {}), () => {}, () => now);
  const refreshStarted = performance.now();
  let refreshed = 0;
  for (;;) {
    const n = await refreshStaleHealth(ctx, now);
    refreshed += n;
    if (n === 0) break;
  }
  const refreshMs = performance.now() - refreshStarted;
  if (args["skip-generate"]) refreshed = 0;
  const summary = await ctx.db
    .selectFrom("health_snapshots")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("open_alert_count").as("alerts")])
    .executeTakeFirstOrThrow();
  const pathologies = await ctx.db.selectFrom("health_alerts").select(["pathology", (eb) => eb.fn.countAll<number>().as("n")]).where("status", "=", "active").groupBy("pathology").orderBy("pathology").execute();
  await ctx.database.close();
  log(`refreshed ${refreshed} alliances in ${(refreshMs / 1000).toFixed(1)} s; ${summary.n} snapshots, ${summary.alerts} open alerts`);

  const server = await startTrellis(databaseUrl, await freePort(), { timeoutMs: 90_000 });
  const results: { variant: Variant; ms: number[]; cpuMs: number }[] = [];
  let loadDuring = "";
  try {
    const cookie = await signIn(server.url, facilitatorEmail, password);
    const variants: Variant[] = [
      { label: "first page, sorted by index (default, 50 rows)", path: "/api/v1/health/portfolio" },
      { label: "sorted by open alerts, descending", path: "/api/v1/health/portfolio?sort=alerts" },
      { label: "filtered: one pathology open", path: "/api/v1/health/portfolio?pathology=one-sided" },
      { label: "name search, sorted by name", path: "/api/v1/health/portfolio?q=Alliance%2042&sort=name" },
      { label: "a deep page (rows 451-500)", path: `/api/v1/health/portfolio?cursor=${Buffer.from("o450").toString("base64url")}` },
      { label: "200 rows at once", path: "/api/v1/health/portfolio?limit=200&sort=trend" },
    ];
    const get = async (p: string) => {
      const t = performance.now();
      const res = await fetch(`${server.url}${p}`, { headers: { cookie } });
      const body = (await res.json()) as { total?: number };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(body)}`);
      return { ms, body };
    };
    const first = await get(variants[0]!.path);
    if (first.body.total !== ALLIANCES) throw new Error(`the portfolio lists ${first.body.total} alliances, not ${ALLIANCES}`);
    for (let i = 0; i < 100; i++) await get(variants[i % variants.length]!.path); // warm-up
    for (const variant of variants) {
      const ms: number[] = [];
      const per = Math.ceil(REQUESTS / variants.length);
      let issued = 0;
      const worker = async () => {
        while (issued < per) {
          issued++;
          ms.push((await get(variant.path)).ms);
        }
      };
      const cpuBefore = groupCpu(server.child.pid ?? 0);
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const cpuMs = (groupCpu(server.child.pid ?? 0) - cpuBefore) / ms.length;
      results.push({ variant, ms, cpuMs });
      log(`${variant.label}: median ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms, server CPU ${cpuMs.toFixed(1)} ms/request (${ms.length} requests; load ${load()})`);
    }
    loadDuring = load();
  } finally {
    await server.stop();
  }
  const all = results.flatMap((r) => r.ms);
  const p99 = quantile(all, 0.99);
  const lines = [
    "# Health portfolio benchmark",
    "",
    "Command: `npx tsx bench/health/portfolio.ts` (from the repository root; writes this file). Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); drops and recreates the database `trellis_bench_health`.",
    "",
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}. Load average (1/5/15 min): ${loadStart} at the start, ${loadDuring} after the measurements. The machine is shared by other engineers' builds and tests: with a load average above the core count, latencies include waiting for a core.`,
    "",
    `Data: one facilitator of ${ALLIANCES} alliances (4–7 seats each; a fifth one-sided, a fifth with a seat gone quiet after 12 weeks), ${generated.events.toLocaleString("en")} hash-chained product events over 26 weeks (requests, promises, deliveries, attended meetings, agenda items, tensions). Each alliance's health was computed by the real refresh job (\`refreshStaleHealth\`: event log → facts → engine → stored alerts and snapshot)${refreshed > 0 ? ` in ${(refreshMs / 1000).toFixed(1)} s for ${refreshed} alliances (${(refreshMs / refreshed).toFixed(0)} ms each, on the loaded machine)` : " when the data was generated (this run reused that database: --skip-generate)"}. Open alerts stored: ${summary.alerts} (${pathologies.map((p) => `${p.pathology} ${p.n}`).join(", ")}).`,
    "",
    `Measurement: \`trellis start\` in its own process on that database; the benchmark signs in as the facilitator over HTTP and sends GET /api/v1/health/portfolio with ${CONCURRENCY} requests in flight, ${Math.ceil(REQUESTS / results.length)} requests per variant after 100 warm-up requests; latency is measured by the client (request sent to body parsed); the CPU column is the Trellis process group's CPU time per request (from /proc), which depends far less on the machine's load than latency does.`,
    "",
    "| variant | requests | median | p90 | p99 | Trellis CPU per request |",
    "|---|---|---|---|---|---|",
    ...results.map((r) => `| ${r.variant.label} | ${r.ms.length} | ${quantile(r.ms, 0.5).toFixed(1)} ms | ${quantile(r.ms, 0.9).toFixed(1)} ms | ${quantile(r.ms, 0.99).toFixed(1)} ms | ${r.cpuMs.toFixed(1)} ms |`),
    `| **all** | ${all.length} | **${quantile(all, 0.5).toFixed(1)} ms** | ${quantile(all, 0.9).toFixed(1)} ms | **${p99.toFixed(1)} ms** | |`,
    "",
    `Target: p99 under ${TARGET_P99_MS} ms — ${p99 < TARGET_P99_MS ? "met" : "**missed**"}.`,
    "",
    "Why it is cheap: the portfolio reads one stored snapshot row per alliance (index, trend, weekly series, open alerts and counters, kept current off the request path by the refresh job and by each alliance's health reads) with one SQL statement that filters, sorts and pages, plus one query for the seat names on the page. No health is computed on the request path.",
    "",
  ];
  writeFileSync(args.out, lines.join("\n"));
  log(`wrote ${args.out}`);
}

await main();

// What-if for the change bench/api/results.md recommends: the database work of the alliance home
// and the activity list as the routes do it today (session + 7 queries, session + 4 queries)
// against the same answers in two statements (the session lookup, then one statement that loads
// the viewer with the data). No HTTP: both variants run in this process with the server's own
// functions (loadViewer, loadAllianceHome, listEvents, the presenters) or the proposed SQL, on a
// pool of 10 like the server's, from 50 concurrent loops. Both variants must produce the same
// JSON. Reports operations/s, latency and CPU per operation (this process, the PostgreSQL
// backends) and writes bench/api/what-if.md. A prototype for the server change, not server code.
//   npx tsx bench/api/what-if.ts [--database trellis_bench] [--duration 10] [--rounds 3]
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AllianceRole, AllianceViewer } from "@trellis/core";
import { listEvents, loadAllianceHome, type EventListRow, type Schema } from "@trellis/db";
import { loadViewer } from "@trellis/server";
import { presentAllianceHome } from "@trellis/server/presenters/alliance.presenter";
import { presentEvent } from "@trellis/server/presenters/event.presenter";
import { hashToken } from "@trellis/server/auth/tokens";
import { Kysely, PostgresDialect, sql, type Selectable } from "kysely";
import pg from "pg";
import { backendCpu } from "./cpu";
import { benchDatabaseUrl } from "./generate";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: { database: { type: "string", default: "trellis_bench" }, duration: { type: "string", default: "10" }, rounds: { type: "string", default: "3" }, concurrency: { type: "string", default: "50" } },
});
const databaseUrl = benchDatabaseUrl(args.database);
const duration = Number(args.duration) * 1000;
const rounds = Number(args.rounds);
const concurrency = Number(args.concurrency);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
const monitor = new pg.Client({ connectionString: databaseUrl });
await monitor.connect();

// The subject of run.ts: a plain member of the largest alliance, with a session of its own.
const subject = (
  await monitor.query<{ alliance_id: string; person_id: string }>(`
    select m.alliance_id, m.person_id from memberships m
    where m.alliance_id = (select alliance_id from memberships group by alliance_id order by count(distinct person_id) desc, alliance_id limit 1)
      and m.role = 'member' and not exists (select 1 from memberships o where o.alliance_id = m.alliance_id and o.person_id = m.person_id and o.role <> 'member')
    order by (select email from people where id = m.person_id) limit 1`)
).rows[0]!;
const token = `what-if-${Date.now()}`;
await monitor.query("insert into sessions (token_hash, person_id, csrf_token, expires_at) values ($1, $2, 'x', now() + interval '1 hour')", [hashToken(token), subject.person_id]);

/** The session hook's query (packages/server/src/auth/session-hook.ts), the same in both variants. */
async function session() {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("people as p", "p.id", "s.person_id")
    .select(["p.id", "p.email", "p.display_name", "p.is_admin", "p.time_zone", "s.expires_at"])
    .where("s.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) throw new Error("no session");
  return { id: row.id, email: row.email, displayName: row.display_name, isAdmin: row.is_admin, timeZone: row.time_zone };
}

// --- today: what the routes run -------------------------------------------------------------

async function homeToday(): Promise<string> {
  const me = await session();
  const person = await db.selectFrom("people").select(["id", "email", "display_name", "is_admin", "time_zone"]).where("id", "=", me.id).executeTakeFirstOrThrow();
  const viewer = await loadViewer(db, subject.alliance_id, { id: person.id, email: person.email, displayName: person.display_name, isAdmin: person.is_admin, timeZone: person.time_zone });
  const loaded = await loadAllianceHome(db, subject.alliance_id);
  return JSON.stringify(presentAllianceHome(loaded!, viewer));
}

async function eventsToday(beforeSeq?: number): Promise<string> {
  const me = await session();
  const viewer = await loadViewer(db, subject.alliance_id, me);
  const rows = await listEvents(db, subject.alliance_id, viewer, { beforeSeq, limit: 50 });
  return JSON.stringify({ items: rows.slice(0, 50).map(presentEvent), nextCursor: rows.length > 50 ? String(rows[49]!.seq) : null });
}

// --- proposed: the session, then one statement ----------------------------------------------

type HomeData = NonNullable<Awaited<ReturnType<typeof loadAllianceHome>>>;

/** The viewer as loadViewer builds it, from the person's memberships and clean teams. */
function viewerFrom(personId: string, memberships: { person_id: string; role: string; seat_id: string | null }[], cleanTeamIds: string[]): AllianceViewer {
  const mine = memberships.filter((m) => m.person_id === personId);
  return {
    personId,
    roles: [...new Set(mine.map((m) => m.role as AllianceRole))],
    seatIds: [...new Set(mine.flatMap((m) => (m.seat_id ? [m.seat_id] : [])))],
    cleanTeamIds,
  };
}

async function homeProposed(): Promise<string> {
  const me = await session();
  const { rows } = await sql<Selectable<Schema["alliances"]> & { seats: HomeData["seats"]; memberships: HomeData["memberships"]; clean_team_ids: string[] }>`
    select a.*,
      coalesce((select json_agg(json_build_object('id', s.id, 'weight', s.weight, 'version', s.version, 'created_at', s.created_at, 'organization_id', o.id,
                                                  'name', o.name, 'kind', o.kind, 'sector', o.sector, 'website', o.website) order by o.name)
                from seats s join organizations o on o.id = s.organization_id where s.alliance_id = a.id), '[]') as seats,
      coalesce((select json_agg(json_build_object('person_id', m.person_id, 'role', m.role, 'seat_id', m.seat_id, 'display_name', p.display_name) order by p.display_name)
                from memberships m join people p on p.id = m.person_id where m.alliance_id = a.id), '[]') as memberships,
      array(select t.id from clean_teams t join clean_team_members c on c.clean_team_id = t.id where t.alliance_id = a.id and c.person_id = ${me.id}) as clean_team_ids
    from alliances a where a.id = ${subject.alliance_id}`.execute(db);
  const row = rows[0];
  const viewer = row ? viewerFrom(me.id, row.memberships, row.clean_team_ids) : null;
  if (!row || !viewer || viewer.roles.length === 0) throw new Error("not_found");
  const { seats, memberships, clean_team_ids: _teams, ...alliance } = row;
  return JSON.stringify(presentAllianceHome({ alliance, seats, memberships } as HomeData, viewer));
}

async function eventsProposed(beforeSeq?: number): Promise<string> {
  const me = await session();
  const { rows } = await sql<EventListRow & { roles: string[] | null }>`
    with v as (
      select array_agg(distinct m.role) as roles,
             coalesce(array_agg(distinct m.seat_id) filter (where m.seat_id is not null), '{}') as seat_ids,
             array(select t.id from clean_teams t join clean_team_members c on c.clean_team_id = t.id where t.alliance_id = ${subject.alliance_id} and c.person_id = ${me.id}) as team_ids
      from memberships m where m.alliance_id = ${subject.alliance_id} and m.person_id = ${me.id}
    )
    select v.roles, e.* from v left join lateral (
      select e.seq, e.type, e.actor_id, e.seat_id, e.visibility, e.visible_seat_ids, e.clean_team_id, e.payload, e.occurred_at, e.hash, p.display_name as actor_name
      from events e left join people p on p.id = e.actor_id
      where e.alliance_id = ${subject.alliance_id}
        and (e.visibility = 'alliance'
          or (e.visibility = 'seats' and ('facilitator' = any(v.roles) or e.visible_seat_ids && v.seat_ids))
          or (e.visibility = 'facilitators' and 'facilitator' = any(v.roles))
          or (e.visibility = 'clean_team' and e.clean_team_id = any(v.team_ids)))
        ${beforeSeq !== undefined ? sql`and e.seq < ${beforeSeq}` : sql``}
      order by e.seq desc limit 51
    ) e on true`.execute(db);
  if (!rows[0]?.roles) throw new Error("not_found");
  const events = rows.filter((r) => r.seq !== null);
  return JSON.stringify({ items: events.slice(0, 50).map(presentEvent), nextCursor: events.length > 50 ? String(events[49]!.seq) : null });
}

// --- measuring --------------------------------------------------------------------------------

interface Result {
  opsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerOp: { node: number; postgres: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function drive(operation: () => Promise<string>): Promise<Result> {
  const latencies: number[] = [];
  const before = { self: process.cpuUsage(), backends: await backendCpu(monitor) };
  const started = performance.now();
  const end = started + duration;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await operation();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const self = process.cpuUsage(before.self);
  let postgres = 0;
  for (const [pid, ms] of await backendCpu(monitor)) postgres += ms - (before.backends.get(pid) ?? 0);
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return { opsPerSecond: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuMsPerOp: { node: (self.user + self.system) / 1000 / n, postgres: postgres / n } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const cases = [
  { key: "home", label: "Alliance home", queries: [8, 2], today: homeToday, proposed: homeProposed },
  { key: "events", label: "Activity, first page", queries: [5, 2], today: () => eventsToday(), proposed: () => eventsProposed() },
  { key: "eventsDeep", label: "Activity, cursor 1000", queries: [5, 2], today: () => eventsToday(1000), proposed: () => eventsProposed(1000) },
];

const results: Record<string, { today: Result[]; proposed: Result[] }> = {};
const loadBefore = os.loadavg();
try {
  for (const c of cases) {
    const [a, b] = [await c.today(), await c.proposed()];
    if (a !== b) throw new Error(`${c.key}: the proposed statement answers differently:\n${a.slice(0, 400)}\n${b.slice(0, 400)}`);
    results[c.key] = { today: [], proposed: [] };
  }
  console.log("both variants give the same JSON for every case");
  for (const c of cases) await Promise.all(Array.from({ length: 200 }, () => Promise.all([c.today(), c.proposed()]))); // warm-up
  for (let round = 1; round <= rounds; round++) {
    for (const c of cases) {
      for (const variant of ["today", "proposed"] as const) {
        const r = await drive(c[variant]);
        results[c.key]![variant].push(r);
        console.log(
          `round ${round}, ${c.key}, ${variant}: ${r.opsPerSecond.toFixed(0)} ops/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, CPU ms/op node ${r.cpuMsPerOp.node.toFixed(2)}, postgres ${r.cpuMsPerOp.postgres.toFixed(2)}`,
        );
      }
    }
  }
} finally {
  await monitor.query("delete from sessions where token_hash = $1", [hashToken(token)]);
  await monitor.end();
  await db.destroy();
}

const row = (label: string, queries: number, list: Result[]) => {
  const node = median(list.map((r) => r.cpuMsPerOp.node));
  const postgres = median(list.map((r) => r.cpuMsPerOp.postgres));
  return `| ${label} | ${queries} | ${median(list.map((r) => r.opsPerSecond)).toFixed(0)} | ${median(list.map((r) => r.p50)).toFixed(1)} ms | ${median(list.map((r) => r.p99)).toFixed(1)} ms | ${node.toFixed(2)} | ${postgres.toFixed(2)} | ${(node + postgres).toFixed(2)} |`;
};
const md = `# What-if: the routes' database work in two statements

\`npx tsx bench/api/what-if.ts\` (${new Date().toISOString().slice(0, 10)}; ${os.cpus().length} cores shared with other work, load average before
${loadBefore.map((l) => l.toFixed(2)).join(" / ")}, after ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(" / ")}; Node ${process.version}). No HTTP: ${concurrency} concurrent loops in one process on a
pool of 10 connections, ${rounds} rounds of ${duration / 1000} s per variant (the variants alternate), medians. "Today" runs the server's own
functions in the routes' order (session lookup, the person again for the home, loadViewer's 3
queries, then loadAllianceHome's 3 or listEvents) and the presenters; "proposed" runs the same
session lookup, then one statement that loads the viewer together with the data (a json_agg of
seats and memberships for the home; a CTE of the viewer's roles, seats and clean teams feeding the
visibility filter of the events page), and the same presenters. Both give byte-identical JSON
for the benchmark's subject (checked before measuring).

| Case | Queries | Operations/s | p50 | p99 | Node CPU ms/op | PostgreSQL CPU ms/op | Total CPU ms/op |
|---|---|---|---|---|---|---|---|
${cases.flatMap((c) => [row(`${c.label}, today`, c.queries[0]!, results[c.key]!.today), row(`${c.label}, proposed`, c.queries[1]!, results[c.key]!.proposed)]).join("\n")}

The HTTP layer adds ~0.05 ms of Node CPU per request (the \`/api/health\` baseline of results.md).
`;
writeFileSync(path.join(here, "what-if.md"), md);
console.log(md);

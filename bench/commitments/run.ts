// Commitments benchmark: the "my loops" query for a person in an alliance with 1,000,000
// commitments (target: p99 under 30 ms), and moves per second on PostgreSQL through the use cases
// (row lock, core rule, state row, move row, hash-chained event, notification, mail in the outbox).
//   npx tsx bench/commitments/generate.ts      # once: the data (~80 s)
//   npx tsx bench/commitments/run.ts [--database trellis_bench_commitments] [--rounds 3]
// Writes bench/commitments/results.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AllianceViewer } from "@trellis/core";
import type { MoveName } from "@trellis/core/commitments";
import { countLoopRows, listLoopRows, loopCountsQuery, loopRowsQuery, type LoopSide } from "@trellis/db";
import { openContext, readConfig, type ServerContext } from "@trellis/server";
import { createCommitment } from "@trellis/server/use-cases/commitments/create-commitment";
import { moveCommitment } from "@trellis/server/use-cases/commitments/move-commitment";
import { getMyLoops } from "@trellis/server/use-cases/commitments/read-commitments";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import { sql } from "kysely";
import { benchDatabaseUrl, benchNow, bigAllianceSlug, moveAllianceSlugs } from "./generate";

const { values } = parseArgs({ options: { database: { type: "string", default: "trellis_bench_commitments" }, rounds: { type: "string", default: "3" } } });
const rounds = Number(values.rounds);
const here = path.dirname(fileURLToPath(import.meta.url));

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const ms = (value: number) => `${value.toFixed(2)} ms`;
async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

async function personViewer(ctx: ServerContext, allianceId: string, email: string): Promise<AllianceViewer> {
  const row = await ctx.db.selectFrom("people").select(["id", "email", "display_name", "time_zone"]).where("email", "=", email).executeTakeFirstOrThrow();
  return loadViewer(ctx.db, allianceId, { id: row.id, email: row.email, displayName: row.display_name, isAdmin: false, timeZone: row.time_zone });
}
const emailOf = (index: number) => `person${String(index).padStart(4, "0")}@bench.trellis.test`;

/** The my-loops measurements: the list query, the counts query, and the whole use case (list, moves, names, counts). */
async function measureLoops(ctx: ServerContext, allianceId: string, viewers: AllianceViewer[], iterations: number) {
  const at = benchNow;
  const sides: LoopSide[] = ["waits_on_me", "i_wait_on"];
  for (let i = 0; i < 100; i++) {
    const viewer = viewers[i % viewers.length]!;
    await listLoopRows(ctx.db, allianceId, viewer.personId, viewer, sides[i % 2]!, {}, { limit: 50 });
    await countLoopRows(ctx.db, allianceId, viewer.personId, viewer, at);
  }
  const list: number[] = [];
  const counts: number[] = [];
  const full: number[] = [];
  let rows = 0;
  for (let i = 0; i < iterations; i++) {
    const viewer = viewers[(i * 7) % viewers.length]!;
    const side = sides[i % 2]!;
    const [t1, page] = await timed(() => listLoopRows(ctx.db, allianceId, viewer.personId, viewer, side, {}, { limit: 50 }));
    list.push(t1);
    rows += page.length;
    const [t2] = await timed(() => countLoopRows(ctx.db, allianceId, viewer.personId, viewer, at));
    counts.push(t2);
    const [t3] = await timed(() => getMyLoops({ ...ctx, clock: () => at }, viewer, allianceId, side, {}, { limit: 50 }));
    full.push(t3);
  }
  return { list: stats(list), counts: stats(counts), full: stats(full), meanRows: rows / iterations };
}

/** Opens commitments through the use case, then plays promise, report, accept on each with `workers` in parallel. */
async function measureMoves(ctx: ServerContext, alliances: { id: string; viewers: AllianceViewer[] }[], perAlliance: number, workers: number) {
  const dueAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  const opens: { allianceId: string; customer: AllianceViewer; performer: AllianceViewer }[] = [];
  for (let i = 0; i < perAlliance; i++) {
    for (const alliance of alliances) {
      const n = alliance.viewers.length;
      const customer = alliance.viewers[(i * 3) % n]!;
      let performer = alliance.viewers[(i * 3 + 11) % n]!;
      if (performer.seatIds[0] === customer.seatIds[0]) performer = alliance.viewers[(i * 3 + 21) % n]!;
      opens.push({ allianceId: alliance.id, customer, performer });
    }
  }
  const created: { allianceId: string; id: string; version: number; customer: AllianceViewer; performer: AllianceViewer }[] = [];
  let next = 0;
  const openStart = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < opens.length) {
        const task = opens[next++]!;
        const c = await createCommitment(ctx, task.customer, task.allianceId, { opening: "request", title: "Bench commitment", conditions: "Done when done", dueAt, timeZone: "Europe/Berlin", counterpart: { personId: task.performer.personId } });
        created.push({ allianceId: task.allianceId, id: c.id, version: c.version, customer: task.customer, performer: task.performer });
      }
    }),
  );
  const openSeconds = (performance.now() - openStart) / 1000;
  const script: [MoveName, "customer" | "performer"][] = [
    ["promise", "performer"],
    ["report", "performer"],
    ["accept", "customer"],
  ];
  const latencies: number[] = [];
  next = 0;
  const moveStart = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < created.length) {
        const task = created[next++]!;
        let version = task.version;
        for (const [move, role] of script) {
          const [t, after] = await timed(() => moveCommitment(ctx, role === "customer" ? task.customer : task.performer, task.allianceId, task.id, { version, move }));
          latencies.push(t);
          version = after.version;
        }
      }
    }),
  );
  const moveSeconds = (performance.now() - moveStart) / 1000;
  return { opened: created.length, opensPerSecond: created.length / openSeconds, moves: latencies.length, movesPerSecond: latencies.length / moveSeconds, latency: stats(latencies) };
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl(values.database!);
  const ctx = await openContext(readConfig({ databaseUrl: url, demo: false }, {}), () => {});
  const loadBefore = os.loadavg();
  const big = await ctx.db.selectFrom("alliances").select("id").where("slug", "=", bigAllianceSlug).executeTakeFirstOrThrow();
  const total = await ctx.db.selectFrom("commitments").select((eb) => eb.fn.countAll<number>().as("n")).where("alliance_id", "=", big.id).executeTakeFirstOrThrow();
  const open = await sql<{ n: number }>`select count(*)::int as n from commitments where alliance_id = ${big.id} and state in ('requested', 'countered', 'promised', 'reported')`.execute(ctx.db);
  console.log(`alliance ${bigAllianceSlug}: ${Number(total.n).toLocaleString("en")} commitments, ${open.rows[0]!.n.toLocaleString("en")} open`);
  const viewers: AllianceViewer[] = [];
  for (let i = 0; i < 100; i++) viewers.push(await personViewer(ctx, big.id, emailOf((i * 37) % 400)));

  // Plans: both halves of the my-loops query must be index scans on the partial indexes.
  const v0 = viewers[0]!;
  const explain = async (query: ReturnType<typeof loopRowsQuery> | ReturnType<typeof loopCountsQuery>) =>
    (await sql<{ "QUERY PLAN": string }>`explain (analyze, buffers, costs off) ${query}`.execute(ctx.db)).rows.map((r) => r["QUERY PLAN"]).join("\n");
  const listPlan = await explain(loopRowsQuery(big.id, v0.personId, v0, "waits_on_me", {}, { limit: 50 }));
  const countPlan = await explain(loopCountsQuery(big.id, v0.personId, v0, benchNow));
  for (const plan of [listPlan, countPlan]) {
    if (/Seq Scan on commitments/.test(plan) || !/commitments_open_customer/.test(plan) || !/commitments_open_performer/.test(plan)) throw new Error(`my loops is not an index scan on the partial indexes:\n${plan}`);
  }
  const perPerson = await sql<{ customer: number; performer: number }>`
    select (select count(*)::int from commitments where customer_person_id = ${v0.personId} and alliance_id = ${big.id} and state in ('requested', 'countered', 'promised', 'reported')) as customer,
           (select count(*)::int from commitments where performer_person_id = ${v0.personId} and alliance_id = ${big.id} and state in ('requested', 'countered', 'promised', 'reported')) as performer`.execute(ctx.db);

  const loopRounds: Awaited<ReturnType<typeof measureLoops>>[] = [];
  for (let r = 0; r < rounds; r++) {
    const result = await measureLoops(ctx, big.id, viewers, 1000);
    loopRounds.push(result);
    console.log(`round ${r + 1}: my-loops list p50 ${ms(result.list.p50)} p99 ${ms(result.list.p99)}; counts p99 ${ms(result.counts.p99)}; whole use case p50 ${ms(result.full.p50)} p99 ${ms(result.full.p99)}`);
  }

  const small: { id: string; viewers: AllianceViewer[] }[] = [];
  for (const slug of moveAllianceSlugs) {
    const alliance = await ctx.db.selectFrom("alliances").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    const members: AllianceViewer[] = [];
    for (let i = 0; i < 40; i++) members.push(await personViewer(ctx, alliance.id, emailOf(i)));
    small.push({ id: alliance.id, viewers: members });
  }
  const bigMembers = viewers.slice(0, 40);
  const moveRounds: { four: Awaited<ReturnType<typeof measureMoves>>; one: Awaited<ReturnType<typeof measureMoves>> }[] = [];
  for (let r = 0; r < rounds; r++) {
    const four = await measureMoves(ctx, small, 100, 8);
    const one = await measureMoves(ctx, [{ id: big.id, viewers: bigMembers }], 300, 8);
    moveRounds.push({ four, one });
    console.log(`round ${r + 1}: moves/s across 4 alliances ${four.movesPerSecond.toFixed(0)} (p99 ${ms(four.latency.p99)}), in the 1M alliance ${one.movesPerSecond.toFixed(0)} (p99 ${ms(one.latency.p99)})`);
  }
  const loadAfter = os.loadavg();
  const pgVersion = (await sql<{ v: string }>`select version() as v`.execute(ctx.db)).rows[0]!.v;
  await ctx.database.close();

  const m = (pick: (r: (typeof loopRounds)[number]) => number) => ms(median(loopRounds.map(pick)));
  const mv = (pick: (r: (typeof moveRounds)[number]) => number, digits = 0) => median(moveRounds.map(pick)).toFixed(digits);
  const listP99 = median(loopRounds.map((r) => r.list.p99));
  const fullP99 = median(loopRounds.map((r) => r.full.p99));
  const report = `# Commitments benchmark

- Command: \`npx tsx bench/commitments/generate.ts\` (once, ~80 s: the data below by bulk SQL), then
  \`npx tsx bench/commitments/run.ts --rounds ${rounds}\` (writes this file).
- Data: one alliance with ${Number(total.n).toLocaleString("en")} commitments (${open.rows[0]!.n.toLocaleString("en")} open, 5%) between 400 people in 40 seats, and their
  ~3.6 million moves; the measured person (first of the sample) has ${perPerson.rows[0]!.customer} open loops as customer and ${perPerson.rows[0]!.performer} as performer
  (every person ~250). States and dates come from hashes of the row number, so the data is the same on every run.
  "Now" for the loops is ${benchNow.toISOString()}; about a third of the open loops are overdue.
- My loops: 100 people, 1,000 requests per round after 100 warm-up requests, alternating "waits on me" and "I wait on",
  one at a time on one connection. *List* is the page query (50 rows, overdue first: \`listLoopRows\`), *counts* the
  counts query (\`countLoopRows\`), *whole* the use case behind \`GET /api/v1/alliances/:id/commitments/loops\`
  (list + the page's moves + names + counts, without HTTP).
- Moves: through \`moveCommitment\` (lock the row, check the version, core applyMove, update the state row, insert the
  move, append the hash-chained event, write the notification and its mail to the outbox), 8 concurrent workers on a pool
  of 10 connections, each worker playing promise → report → accept on its own commitments, opened first through
  \`createCommitment\`. Per round: 400 commitments spread over 4 small alliances (chains in parallel), then 300 in the
  1,000,000-commitment alliance (one chain: appends to an alliance are serialized by its chain head). Each run adds these
  (accepted) commitments to the data: regenerate before a run to start from the same state.
- Medians over ${rounds} rounds. Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM,
  ${os.type()} ${os.release()}; Node ${process.version}; ${pgVersion.split(" on ")[0]} on the same machine.
- Load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(" / ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" / ")}:
  the 2 cores are shared with other engineers' work, so absolute numbers vary between runs.
- Date: ${new Date().toISOString().slice(0, 10)}.

## My loops (target: p99 under 30 ms)

| Query | p50 | p90 | p99 | max |
|---|---|---|---|---|
| list (page of 50) | ${m((r) => r.list.p50)} | ${m((r) => r.list.p90)} | **${m((r) => r.list.p99)}** | ${m((r) => r.list.max)} |
| counts | ${m((r) => r.counts.p50)} | ${m((r) => r.counts.p90)} | ${m((r) => r.counts.p99)} | ${m((r) => r.counts.max)} |
| whole use case | ${m((r) => r.full.p50)} | ${m((r) => r.full.p90)} | **${m((r) => r.full.p99)}** | ${m((r) => r.full.max)} |

Target ${listP99 < 30 ? "met" : "missed"} for the query (p99 ${ms(listP99)}); the whole use case's p99 is ${ms(fullP99)} (${fullP99 < 30 ? "also under" : "over"} 30 ms).

Per round (list p99 / counts p99 / whole p99): ${loopRounds.map((r) => `${ms(r.list.p99)} / ${ms(r.counts.p99)} / ${ms(r.full.p99)}`).join("; ")}.

Plan of the list query (EXPLAIN ANALYZE, one person, "waits on me"): two index scans on the partial indexes of open
commitments, merged in deadline order, stopped at the page's end.

\`\`\`
${listPlan}
\`\`\`

Plan of the counts query:

\`\`\`
${countPlan}
\`\`\`

## Moves per second on PostgreSQL

| Where | moves | moves/s | move p50 | move p99 | opens/s |
|---|---|---|---|---|---|
| 4 alliances (4 chains) | ${moveRounds[0]?.four.moves ?? 0} per round | **${mv((r) => r.four.movesPerSecond)}** | ${ms(median(moveRounds.map((r) => r.four.latency.p50)))} | ${ms(median(moveRounds.map((r) => r.four.latency.p99)))} | ${mv((r) => r.four.opensPerSecond)} |
| the 1,000,000-commitment alliance (1 chain) | ${moveRounds[0]?.one.moves ?? 0} per round | **${mv((r) => r.one.movesPerSecond)}** | ${ms(median(moveRounds.map((r) => r.one.latency.p50)))} | ${ms(median(moveRounds.map((r) => r.one.latency.p99)))} | ${mv((r) => r.one.opensPerSecond)} |

Per round (moves/s, 4 alliances / 1 alliance): ${moveRounds.map((r) => `${r.four.movesPerSecond.toFixed(0)} / ${r.one.movesPerSecond.toFixed(0)}`).join("; ")}.
`;
  fs.writeFileSync(path.join(here, "results.md"), report);
  console.log(`wrote ${path.join(here, "results.md")}`);
}

await main();

// Commitments benchmark data: a fresh PostgreSQL database with one alliance of 40 seats and
// 400 people holding 1,000,000 commitments (5% open: ~250 open loops per person) and their
// ~3.2 million moves, plus four small alliances for the moves-per-second run.
//   npx tsx bench/commitments/generate.ts [--database trellis_bench_commitments]
// The database on 127.0.0.1:5432 (user postgres; $TRELLIS_BENCH_PG_URL overrides the server) is
// dropped, recreated and migrated with @trellis/db's migrate. Rows are made by bulk SQL
// (INSERT ... SELECT FROM generate_series), deterministic: every "random" choice is a hash of the
// row number (hashint4), so the same command gives the same data. Secondary indexes are dropped
// during the load and rebuilt from their own definitions afterwards, then the tables are analyzed.
// No events are written for the bulk commitments: the my-loops query does not read the chain
// (the moves-per-second run writes real events through the use cases).
import { parseArgs } from "node:util";
import { migrate, openDatabase } from "@trellis/db";
import pg from "pg";

export const benchServerUrl = process.env.TRELLIS_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const benchNow = new Date("2026-11-24T12:00:00.000Z");
export const bigAllianceSlug = "bench-one-million";
export const moveAllianceSlugs = ["bench-moves-1", "bench-moves-2", "bench-moves-3", "bench-moves-4"];

const counts = { seats: 40, peoplePerSeat: 10, commitments: 1_000_000 } as const;

/** The URL of a database on the bench server. */
export function benchDatabaseUrl(database: string): string {
  const url = new URL(benchServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Which moves lead to each stored state (the thread the bulk rows carry), and who made them. */
const threads: Record<string, [string, "customer" | "performer"][]> = {
  requested: [["request", "customer"]],
  countered: [["request", "customer"], ["counter", "performer"]],
  promised: [["request", "customer"], ["promise", "performer"]],
  reported: [["request", "customer"], ["promise", "performer"], ["report", "performer"]],
  accepted: [["request", "customer"], ["promise", "performer"], ["report", "performer"], ["accept", "customer"]],
  declined: [["request", "customer"], ["decline", "performer"]],
  cancelled: [["request", "customer"], ["promise", "performer"], ["cancel", "customer"]],
  reneged: [["request", "customer"], ["promise", "performer"], ["renege", "performer"]],
  revoked: [["request", "customer"], ["promise", "performer"], ["revoke", "performer"]],
};

export async function generate(database: string): Promise<void> {
  const started = performance.now();
  const log = (text: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${text}\n`);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const admin = new pg.Client({ connectionString: benchServerUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = benchDatabaseUrl(database);
  const opened = await openDatabase({ url });
  const applied = await migrate(opened.db);
  await opened.close();
  log(`created ${url}; ${applied.length} migration(s)`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("set synchronous_commit = off");
  // Consistent by construction: skip the foreign-key triggers during the bulk load.
  await client.query("set session_replication_role = replica");
  const q = (text: string, values: unknown[] = []) => client.query(text, values);

  // People, organizations, seats, memberships of the big alliance.
  const people = counts.seats * counts.peoplePerSeat;
  await q(`insert into people (email, display_name, time_zone)
    select 'person' || lpad(i::text, 4, '0') || '@bench.trellis.test', 'Bench Person ' || i, 'Europe/Berlin' from generate_series(0, $1 - 1) i`, [people]);
  await q(`insert into people (email, display_name) values ('facilitator@bench.trellis.test', 'Bench Facilitator')`);
  await q(`insert into organizations (name, kind) select 'Bench Organization ' || i, 'company' from generate_series(0, $1 - 1) i`, [counts.seats]);
  const big = (await q(`insert into alliances (slug, name, stage) values ($1, 'One Million Commitments', 'active') returning id`, [bigAllianceSlug])).rows[0].id as string;
  await q(`insert into seats (alliance_id, organization_id) select $1, id from organizations`, [big]);
  await q(`create temporary table bench_people as
    select (row_number() over (order by p.email) - 1)::int as idx, p.id, s.id as seat_id
    from people p
    join organizations o on o.name = 'Bench Organization ' || (substring(p.email from 7 for 4)::int / ${counts.peoplePerSeat})
    join seats s on s.organization_id = o.id and s.alliance_id = '${big}'
    where p.email like 'person%'`);
  await q(`create index on bench_people (idx)`);
  await q(`insert into memberships (alliance_id, person_id, role, seat_id) select $1, id, 'delegate', seat_id from bench_people`, [big]);
  await q(`insert into memberships (alliance_id, person_id, role) select $1, id, 'facilitator' from people where email = 'facilitator@bench.trellis.test'`, [big]);
  log(`${people} people in ${counts.seats} seats`);

  // Four small alliances for the moves run: the same first 40 people, 4 seats each.
  for (const slug of moveAllianceSlugs) {
    const id = (await q(`insert into alliances (slug, name, stage) values ($1, $1, 'active') returning id`, [slug])).rows[0].id as string;
    await q(`insert into seats (alliance_id, organization_id) select $1, id from organizations where name in ('Bench Organization 0', 'Bench Organization 1', 'Bench Organization 2', 'Bench Organization 3')`, [id]);
    await q(`insert into memberships (alliance_id, person_id, role, seat_id)
      select $1, b.id, 'delegate', s.id from bench_people b join seats big on big.id = b.seat_id join seats s on s.organization_id = big.organization_id and s.alliance_id = $1 where b.idx < 40`, [id]);
  }
  log(`${moveAllianceSlugs.length} small alliances for the moves run`);

  // Drop secondary indexes for the load; keep their definitions to rebuild them.
  const indexes = (
    await q(`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in ('commitments', 'commitment_moves') and indexname not like '%_pkey'`)
  ).rows as { indexname: string; indexdef: string }[];
  for (const index of indexes) await q(`drop index ${index.indexname}`);

  // States by a hash of the row: 5% open (requested 1%, countered 0.5%, promised 2.5%, reported 1%).
  await q(`insert into commitments (alliance_id, title, conditions, due_at, time_zone, customer_person_id, customer_seat_id, performer_person_id, performer_seat_id,
      state, deadline_at, opened_at, first_response_at, promised_at, reported_at, closed_at, last_move, last_move_at, negotiation_rounds, created_by, created_at, updated_at, version)
    select $1, 'Commitment ' || g.i || ' ' || (array['data', 'report', 'pilot', 'survey', 'protocol', 'budget', 'map', 'workshop'])[1 + h.h4 % 8],
      'Conditions of satisfaction of commitment ' || g.i, t.due, 'Europe/Berlin',
      c.id, c.seat_id, p.id, p.seat_id,
      st.state, case when st.open then t.due end, t.opened,
      case when st.state <> 'requested' then t.opened + interval '1 day' end,
      case when st.state not in ('requested', 'countered', 'declined') then t.opened + interval '1 day' end,
      case when st.state in ('reported', 'accepted') then t.opened + interval '2 days' end,
      case when not st.open then t.opened + interval '3 days' end,
      st.last_move, t.opened + interval '1 day', case when st.state = 'countered' then 1 else 0 end, c.id, t.opened, t.opened + interval '3 days', st.moves + 1
    from generate_series(1, $2) g(i)
    cross join lateral (select abs(hashint4(g.i)::bigint) as h1, abs(hashint4(g.i + 1000003)::bigint) as h2, abs(hashint4(g.i + 2000003)::bigint) as h3, abs(hashint4(g.i + 3000017)::bigint) as h4) h
    cross join lateral (select
        case
          when h.h3 % 1000 < 10 then 'requested' when h.h3 % 1000 < 15 then 'countered' when h.h3 % 1000 < 40 then 'promised' when h.h3 % 1000 < 50 then 'reported'
          when h.h3 % 1000 < 800 then 'accepted' when h.h3 % 1000 < 870 then 'declined' when h.h3 % 1000 < 920 then 'cancelled' when h.h3 % 1000 < 960 then 'reneged' else 'revoked'
        end as state) s0
    cross join lateral (select s0.state, s0.state in ('requested', 'countered', 'promised', 'reported') as open,
        case s0.state when 'requested' then 'request' when 'countered' then 'counter' when 'promised' then 'promise' when 'reported' then 'report' when 'accepted' then 'accept'
          when 'declined' then 'decline' when 'cancelled' then 'cancel' when 'reneged' then 'renege' else 'revoke' end as last_move,
        case s0.state when 'requested' then 1 when 'countered' then 2 when 'promised' then 2 when 'reported' then 3 when 'accepted' then 4 when 'declined' then 2 else 3 end as moves) st
    cross join lateral (select
        case when st.open then $3::timestamptz - ((h.h4 % 60) || ' days')::interval else $3::timestamptz - ((60 + h.h4 % 900) || ' days')::interval end as opened,
        case when st.open then $3::timestamptz + (((h.h4 % 90) - 30) || ' days')::interval + ((h.h2 % 1440) || ' minutes')::interval
          else $3::timestamptz - ((30 + h.h4 % 900) || ' days')::interval end as due) t
    join bench_people c on c.idx = h.h1 % ${people}
    join bench_people p on p.idx = (c.idx + 10 + h.h2 % ${people - 19}) % ${people}`, [big, counts.commitments, benchNow]);
  log(`${counts.commitments.toLocaleString("en")} commitments`);

  await q(`create temporary table bench_threads (state text primary key, moves text[], roles text[])`);
  for (const [state, moves] of Object.entries(threads)) {
    await q(`insert into bench_threads values ($1, $2, $3)`, [state, moves.map(([m]) => m), moves.map(([, r]) => r)]);
  }
  await q(`insert into commitment_moves (commitment_id, seq, alliance_id, move, by_person_id, role, at, event_seq)
    select c.id, m.ord, c.alliance_id, m.move, case when m.role = 'customer' then c.customer_person_id else c.performer_person_id end, m.role,
      c.opened_at + (m.ord - 1) * interval '1 day', 0
    from commitments c join bench_threads t on t.state = c.state
    cross join lateral unnest(t.moves, t.roles) with ordinality as m(move, role, ord)
    where c.alliance_id = $1`, [big]);
  const moves = (await q(`select count(*)::int as n from commitment_moves`)).rows[0].n as number;
  log(`${moves.toLocaleString("en")} moves`);

  for (const index of indexes) await q(index.indexdef);
  log(`rebuilt ${indexes.length} indexes`);
  await q("set session_replication_role = origin");
  await q("vacuum analyze commitments");
  await q("vacuum analyze commitment_moves");
  await q("analyze");
  const open = (await q(`select count(*)::int as n from commitments where state in ('requested', 'countered', 'promised', 'reported')`)).rows[0].n as number;
  log(`analyzed; ${open.toLocaleString("en")} open commitments (~${((2 * open) / people).toFixed(0)} open loops per person: each has two parties)`);
  await client.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { database: { type: "string", default: "trellis_bench_commitments" } } });
  await generate(values.database!);
}

// API benchmark data: a fresh PostgreSQL database with 100 alliances, 2,000 people, ~600 seats,
// their memberships and 1,000,000 hash-chained events (10,000 per alliance).
//   npx tsx bench/api/generate.ts [--database trellis_bench] [--seed 20261124]
// The database on 127.0.0.1:5432 (user postgres, trust auth; $TRELLIS_BENCH_PG_URL overrides the
// server) is dropped and recreated, migrated with @trellis/db's migrate, then filled with bulk
// INSERT ... SELECT FROM unnest(...) statements of 5,000 rows. Hashes are computed in JS with the
// chain functions of packages/db/src/event-log.ts, so `trellis verify` accepts every chain.
// Randomness is seeded (createRandom), so the same seed gives the same data.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { canonicalJson, createRandom, pick, randomInt, type Visibility } from "@trellis/core";
import { genesisHash, hashEvent, migrate, openDatabase, verifyAllianceChain, visibilityColumns, type NewEvent } from "@trellis/db";
import { hashPassword } from "@trellis/server/auth/passwords";
import pg from "pg";

export const benchPassword = "trellis-bench-password";
export const benchServerUrl = process.env.TRELLIS_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL of a database on the bench server. */
export function benchDatabaseUrl(database: string): string {
  const url = new URL(benchServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const counts = { alliances: 100, people: 2_000, organizations: 400, eventsPerAlliance: 10_000 } as const;
const batchRows = 5_000;

const firstNames = ["Ada", "Amara", "Ben", "Chen", "Dara", "Elif", "Femi", "Greta", "Hana", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wei", "Yara", "Zoe"];
const lastNames = ["Abebe", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva", "Tanaka", "Ulloa", "Varga", "Wagner", "Yilmaz", "Zhang"];
const orgWords = ["Northwind", "Greenfield", "Riverbank", "Bluestone", "Highland", "Clearwater", "Oakridge", "Sunrise", "Ironwood", "Silverline", "Harbor", "Meadow", "Summit", "Cedar", "Lakeside", "Evergreen", "Granite", "Willow", "Falcon", "Aurora"];
const orgSuffixes = ["Labs", "Foundation", "Institute", "Cooperative", "Agency", "Partners", "Trust", "Works", "University", "Network"];
const orgKinds = ["company", "ngo", "public_agency", "funder", "research", "other"] as const;
const sectors = ["water", "energy", "health", "food", "mobility", "housing", "education", "finance", "materials", "climate"];
const topics = ["shared test protocol", "data-sharing agreement", "pilot site selection", "joint funding bid", "field survey", "open standard draft", "training curriculum", "impact report", "supplier code", "public consultation"];

/** Event types with relative weights: mostly the commitment ledger, meetings and decisions. */
const eventTypes: ReadonlyArray<readonly [string, number]> = [
  ["commitment.requested", 10],
  ["commitment.promised", 10],
  ["commitment.countered", 3],
  ["commitment.reported", 8],
  ["commitment.accepted", 7],
  ["commitment.declined", 2],
  ["commitment.reneged", 1],
  ["commitment.revoked", 1],
  ["commitment.cancelled", 1],
  ["meeting.held", 8],
  ["proposal.created", 5],
  ["proposal.closed", 4],
  ["charter.amended", 2],
  ["charter.ratified", 1],
  ["charter.renewed", 1],
  ["breakdown.named", 2],
  ["breakdown.closed", 2],
  ["tension.raised", 3],
  ["tension.resolved", 2],
  ["tension.reframed", 1],
  ["assumption.invalidated", 1],
  ["learning.recorded", 3],
  ["pulse.closed", 2],
  ["person.joined", 3],
  ["seat.updated", 1],
  ["alliance.updated", 1],
];
const typeTotal = eventTypes.reduce((sum, [, w]) => sum + w, 0);

function weightedType(random: () => number): string {
  let r = random() * typeTotal;
  for (const [type, weight] of eventTypes) {
    r -= weight;
    if (r < 0) return type;
  }
  return eventTypes[0]![0];
}

/** A deterministic UUID (v4 layout) from the seeded generator. */
function uuid(random: () => number): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(random() * 4)]!;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Inserts rows column-wise: one array parameter per column, unnested server-side. */
async function insertColumns(client: pg.ClientBase, table: string, columns: ReadonlyArray<readonly [string, string]>, rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchRows) {
    const batch = rows.slice(start, start + batchRows);
    const arrays = columns.map((_, c) => batch.map((row) => row[c]));
    const names = columns.map(([name]) => name).join(", ");
    const unnest = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(", ");
    await client.query(`insert into ${table} (${names}) select * from unnest(${unnest})`, arrays);
  }
}

interface Member {
  personId: string;
  role: "facilitator" | "delegate" | "member" | "observer";
  seatId: string | null;
}

interface AlliancePlan {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  seats: { id: string; organizationId: string }[];
  members: Member[];
}

function progressLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Drops and recreates the database, migrates it and fills it; returns what it made. */
export async function generate(options: { database: string; seed: number }): Promise<{ alliances: number; people: number; seats: number; memberships: number; events: number; seconds: number }> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const random = createRandom(options.seed);

  if (!/^[a-z_][a-z0-9_]*$/.test(options.database)) throw new Error(`not a plain database name: ${options.database}`);
  const admin = new pg.Client({ connectionString: benchServerUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${options.database} with (force)`);
  await admin.query(`create database ${options.database}`);
  await admin.end();
  const url = benchDatabaseUrl(options.database);
  progressLine(`[${elapsed()}] created database ${url}`);

  const database = await openDatabase({ url });
  const applied = await migrate(database.db);
  await database.close();
  progressLine(`[${elapsed()}] applied ${applied.length} migration(s): ${applied.join(", ")}`);

  const passwordHash = await hashPassword(benchPassword);
  progressLine(`[${elapsed()}] hashed the bench password once (argon2id); every person shares the hash`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("set synchronous_commit = off");

  // People.
  const people = Array.from({ length: counts.people }, (_, i) => ({
    id: uuid(random),
    email: `person${String(i + 1).padStart(4, "0")}@bench.trellis.test`,
    displayName: `${pick(random, firstNames)} ${pick(random, lastNames)} ${i + 1}`,
    timeZone: pick(random, ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Africa/Lagos"]),
  }));
  await insertColumns(
    client,
    "people",
    [
      ["id", "uuid"],
      ["email", "text"],
      ["display_name", "text"],
      ["password_hash", "text"],
      ["time_zone", "text"],
    ],
    people.map((p) => [p.id, p.email, p.displayName, passwordHash, p.timeZone]),
  );
  progressLine(`[${elapsed()}] ${people.length} people`);

  // Organizations.
  const organizations = Array.from({ length: counts.organizations }, (_, i) => ({
    id: uuid(random),
    name: `${orgWords[i % orgWords.length]} ${orgSuffixes[Math.floor(i / orgWords.length) % orgSuffixes.length]} ${i + 1}`,
    kind: pick(random, orgKinds),
    sector: pick(random, sectors),
  }));
  await insertColumns(
    client,
    "organizations",
    [
      ["id", "uuid"],
      ["name", "text"],
      ["kind", "text"],
      ["sector", "text"],
      ["website", "text"],
    ],
    organizations.map((o) => [o.id, o.name, o.kind, o.sector, `https://${o.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example`]),
  );
  progressLine(`[${elapsed()}] ${organizations.length} organizations`);

  // Alliances with 4-8 seats each (~6), organizations drawn without repeats within an alliance.
  const epoch = Date.UTC(2024, 0, 1);
  const alliances: AlliancePlan[] = Array.from({ length: counts.alliances }, (_, i) => {
    const seatCount = randomInt(random, 4, 8);
    const orgs = shuffle(random, [...organizations]).slice(0, seatCount);
    const topic = pick(random, sectors);
    return {
      id: uuid(random),
      slug: `bench-${String(i + 1).padStart(3, "0")}-${topic}`,
      name: `${topic[0]!.toUpperCase()}${topic.slice(1)} alliance ${i + 1}`,
      createdAt: new Date(epoch + randomInt(random, 0, 90) * 86_400_000),
      seats: orgs.map((o) => ({ id: uuid(random), organizationId: o.id })),
      members: [],
    };
  });

  // Memberships: each person in 1-3 alliances, skewed so the first alliances are the large ones
  // (weight 1 / (1 + i / 10): alliance 1 gets ~11x the people of alliance 100).
  const weights = alliances.map((_, i) => 1 / (1 + i / 10));
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const drawAlliance = () => {
    let r = random() * weightTotal;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  const peopleOf: string[][] = alliances.map(() => []);
  for (const person of people) {
    const k = 1 + (random() < 0.5 ? 1 : 0) + (random() < 0.2 ? 1 : 0);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(drawAlliance());
    for (const a of chosen) peopleOf[a]!.push(person.id);
  }
  const organizationPeople = new Map<string, string>(); // person -> the organization of their first seat
  alliances.forEach((alliance, a) => {
    const members = shuffle(random, peopleOf[a]!);
    const facilitators = members.length > 60 ? 2 : 1;
    members.forEach((personId, j) => {
      if (j < facilitators) {
        alliance.members.push({ personId, role: "facilitator", seatId: null });
        return;
      }
      const k = j - facilitators;
      const seat = alliance.seats[k % alliance.seats.length]!;
      const r = random();
      const role: Member["role"] = k < alliance.seats.length || r < 0.12 ? "delegate" : r < 0.88 ? "member" : "observer";
      const seatId = role === "observer" ? null : seat.id;
      alliance.members.push({ personId, role, seatId });
      if (seatId && !organizationPeople.has(personId)) organizationPeople.set(personId, seat.organizationId);
    });
  });

  await insertColumns(
    client,
    "alliances",
    [
      ["id", "uuid"],
      ["slug", "text"],
      ["name", "text"],
      ["purpose", "text"],
      ["stage", "text"],
      ["has_competitors", "boolean"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    alliances.map((a, i) => [a.id, a.slug, a.name, `Benchmark alliance ${i + 1}: ${pick(random, topics)} and more, together.`, i % 10 === 0 ? "renewing" : "active", random() < 0.3, a.createdAt, a.createdAt]),
  );
  const seatRows = alliances.flatMap((a) => a.seats.map((s) => [s.id, a.id, s.organizationId, randomInt(random, 1, 3), a.createdAt]));
  await insertColumns(
    client,
    "seats",
    [
      ["id", "uuid"],
      ["alliance_id", "uuid"],
      ["organization_id", "uuid"],
      ["weight", "float8"],
      ["created_at", "timestamptz"],
    ],
    seatRows,
  );
  const membershipRows = alliances.flatMap((a) => a.members.map((m) => [a.id, m.personId, m.role, m.seatId, a.createdAt]));
  await insertColumns(
    client,
    "memberships",
    [
      ["alliance_id", "uuid"],
      ["person_id", "uuid"],
      ["role", "text"],
      ["seat_id", "uuid"],
      ["created_at", "timestamptz"],
    ],
    membershipRows,
  );
  await insertColumns(
    client,
    "organization_people",
    [
      ["organization_id", "uuid"],
      ["person_id", "uuid"],
    ],
    [...organizationPeople].map(([personId, organizationId]) => [organizationId, personId]),
  );
  const sizes = alliances.map((a) => a.members.length);
  progressLine(
    `[${elapsed()}] ${alliances.length} alliances, ${seatRows.length} seats, ${membershipRows.length} memberships (per alliance ${Math.min(...sizes)}-${Math.max(...sizes)} people)`,
  );

  // Events: 10,000 per alliance over ~2 years, mostly visible to the alliance, some to named
  // seats or facilitators only. Hashed in JS; the next batch is built while the last one inserts.
  const eventColumns: ReadonlyArray<readonly [string, string]> = [
    ["alliance_id", "uuid"],
    ["seq", "int4"],
    ["type", "text"],
    ["actor_id", "uuid"],
    ["seat_id", "uuid"],
    ["visibility", "text"],
    ["visible_seat_ids", "text"],
    ["clean_team_id", "uuid"],
    ["payload", "text"],
    ["occurred_at", "timestamptz"],
    ["prev_hash", "text"],
    ["hash", "text"],
  ];
  const eventInsert = `insert into events (${eventColumns.map(([n]) => n).join(", ")})
    select a, s, t, ac, se, v, vs::uuid[], ct, p::jsonb, o, ph, h
    from unnest(${eventColumns.map(([, type], c) => `$${c + 1}::${type}[]`).join(", ")}) as u(a, s, t, ac, se, v, vs, ct, p, o, ph, h)`;
  const total = counts.alliances * counts.eventsPerAlliance;
  let done = 0;
  let lastReport = performance.now();
  let pending: Promise<unknown> = Promise.resolve();
  let columns: unknown[][] = eventColumns.map(() => []);
  const flush = async () => {
    const batch = columns;
    columns = eventColumns.map(() => []);
    await pending;
    pending = client.query(eventInsert, batch);
  };
  const heads: [string, number, string][] = [];
  const spanMs = 730 * 86_400_000;
  for (const alliance of alliances) {
    const actors = alliance.members;
    const facilitatorIds = actors.filter((m) => m.role === "facilitator").map((m) => m.personId);
    let prevHash = genesisHash;
    let at = alliance.createdAt.getTime();
    const step = spanMs / counts.eventsPerAlliance;
    for (let seq = 1; seq <= counts.eventsPerAlliance; seq++) {
      at += Math.max(1000, Math.round(step * 2 * random()));
      let type: string;
      let actor: Member | null;
      let payload: Record<string, unknown>;
      let visibility: Visibility = { level: "alliance" };
      if (seq === 1) {
        type = "alliance.created";
        actor = { personId: facilitatorIds[0]!, role: "facilitator", seatId: null };
        payload = { name: alliance.name, slug: alliance.slug };
      } else if (seq <= 1 + alliance.seats.length) {
        type = "seat.added";
        actor = { personId: facilitatorIds[0]!, role: "facilitator", seatId: null };
        const seat = alliance.seats[seq - 2]!;
        payload = { seatId: seat.id, organizationId: seat.organizationId, weight: 1 };
      } else {
        type = weightedType(random);
        actor = random() < 0.03 ? null : pick(random, actors);
        const n = randomInt(random, 1, 9999);
        const topic = pick(random, topics);
        payload = {
          title: `${topic[0]!.toUpperCase()}${topic.slice(1)} #${n}`,
          summary: { title: `${topic} #${n}`, dueOn: new Date(at + randomInt(random, 7, 90) * 86_400_000).toISOString().slice(0, 10) },
          record: { type: type.split(".")[0]!, id: uuid(random) },
        };
        if (type.startsWith("commitment.")) {
          const other = pick(random, alliance.seats);
          payload.counterpartSeatId = other.id;
        }
        const v = random();
        if (v < 0.1) {
          const seats = shuffle(random, alliance.seats.map((s) => s.id)).slice(0, randomInt(random, 1, 2));
          // Sorted, as stored: appendEvent hashes the ids as given but stores them sorted.
          visibility = { level: "seats", seatIds: seats.sort() };
        } else if (v < 0.15) {
          visibility = { level: "facilitators" };
        }
      }
      const event: NewEvent & { seq: number; prevHash: string } = {
        allianceId: alliance.id,
        seq,
        type,
        actorId: actor?.personId ?? null,
        seatId: actor?.seatId ?? null,
        visibility,
        payload,
        occurredAt: new Date(at),
        prevHash,
      };
      const hash = hashEvent(event);
      const vis = visibilityColumns(visibility);
      const row = [alliance.id, seq, type, event.actorId, event.seatId, vis.visibility, `{${vis.visible_seat_ids.join(",")}}`, vis.clean_team_id, canonicalJson(payload), event.occurredAt, prevHash, hash];
      row.forEach((value, c) => columns[c]!.push(value));
      prevHash = hash;
      done++;
      if (columns[0]!.length >= batchRows) await flush();
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        progressLine(`[${elapsed()}] events: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${Math.round((done / total) * 100)}%)`);
      }
    }
    heads.push([alliance.id, counts.eventsPerAlliance, prevHash]);
  }
  if (columns[0]!.length > 0) await flush();
  await pending;
  await insertColumns(
    client,
    "chain_heads",
    [
      ["alliance_id", "uuid"],
      ["seq", "int4"],
      ["hash", "text"],
    ],
    heads,
  );
  progressLine(`[${elapsed()}] ${done.toLocaleString("en")} events, ${heads.length} chain heads`);

  await client.query("vacuum (analyze)");
  const size = await client.query<{ size: string }>("select pg_size_pretty(pg_database_size(current_database())) as size");
  progressLine(`[${elapsed()}] vacuum analyze done; database size ${size.rows[0]?.size ?? "?"}`);
  await client.end();

  // Spot-check two chains the way `trellis verify` does.
  const check = await openDatabase({ url });
  try {
    for (const alliance of [alliances[0]!, alliances[alliances.length - 1]!]) {
      const result = await verifyAllianceChain(check.db, alliance.id);
      if (!result.ok) throw new Error(`chain of ${alliance.slug} does not verify: ${result.reason} at ${result.brokenAt}`);
      progressLine(`[${elapsed()}] chain of ${alliance.slug} verifies (${result.count} events)`);
    }
  } finally {
    await check.close();
  }
  return { alliances: alliances.length, people: people.length, seats: seatRows.length, memberships: membershipRows.length, events: done, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { database: { type: "string", default: "trellis_bench" }, seed: { type: "string", default: "20261124" } } });
  const result = await generate({ database: values.database, seed: Number(values.seed) });
  console.log(
    `Done in ${result.seconds.toFixed(1)} s: ${result.alliances} alliances, ${result.people} people, ${result.seats} seats, ${result.memberships} memberships, ${result.events.toLocaleString("en")} events in ${benchDatabaseUrl(values.database)}`,
  );
}

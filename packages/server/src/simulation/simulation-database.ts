import { createHash } from "node:crypto";
import crypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { migrate, openDatabase, type Database } from "@trellis/db";
import { sql } from "kysely";

/**
 * A scratch embedded database in which a simulated history replays deterministically: the same
 * simulation writes the same rows, ids and times, so its archive is byte-identical run after run.
 *
 * Three things in the product are not deterministic on purpose, and are pinned here only:
 * - time: use cases take the clock from the context, but column defaults use `now()`; a
 *   `now()` in a schema searched before pg_catalog returns the simulated moment instead;
 * - database ids: `gen_random_uuid()` is shadowed the same way by a name-based UUID of a
 *   per-simulation namespace and a counter;
 * - ids and salts made in Node (`randomUUID`, `randomBytes` of node:crypto) are replaced, while
 *   the replay runs, by functions of the same namespace and a counter (`withSeededCrypto`).
 */

/** A UUID (version 4 layout) derived from a name: SHA-256, then the version and variant bits. */
export function nameBasedUuid(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex").slice(0, 32).split("");
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The SQL that pins `now()` and `gen_random_uuid()`; it must run before the migrations create their defaults. */
const pinningSql = (namespace: string) => `
create schema trellis_simulation;
create sequence trellis_simulation.ids;
create function trellis_simulation.now() returns timestamptz language sql stable
  as $$ select current_setting('trellis_simulation.now')::timestamptz $$;
create function trellis_simulation.gen_random_uuid() returns uuid language sql volatile
  as $$ select overlay(overlay(left(encode(sha256(convert_to(${quoteLiteral(namespace)} || ':db:' || nextval('trellis_simulation.ids'), 'UTF8')), 'hex'), 32)
       placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid $$;
set search_path = public, trellis_simulation, pg_catalog;
`;

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A migrated in-memory database whose clock is set with `setClock` and whose ids follow `namespace`. */
export interface SimulationDatabase {
  database: Database;
  /** Sets what `now()` returns in the database from here on. */
  setClock(at: Date): Promise<void>;
  close(): Promise<void>;
}

/** Opens the scratch database for one simulation (see the module comment). */
export async function openSimulationDatabase(namespace: string, start: Date): Promise<SimulationDatabase> {
  const database = await openDatabase({ memory: true });
  const setClock = async (at: Date) => {
    await sql`select set_config('trellis_simulation.now', ${at.toISOString()}, false)`.execute(database.db);
  };
  try {
    await setClock(start);
    for (const statement of pinningSql(namespace).split(";\n")) if (statement.trim()) await sql.raw(statement).execute(database.db);
    await migrate(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, setClock, close: () => database.close() };
}

/**
 * Runs `work` with node:crypto's randomUUID and randomBytes derived from `namespace` and a counter,
 * then restores them. Only for a process (or worker) that does nothing else meanwhile: the
 * `trellis simulate` command and its tests.
 */
export async function withSeededCrypto<T>(namespace: string, work: () => Promise<T>): Promise<T> {
  const original = { randomUUID: crypto.randomUUID, randomBytes: crypto.randomBytes };
  let counter = 0;
  const seededUuid = () => nameBasedUuid(`${namespace}:js:${++counter}`) as ReturnType<typeof crypto.randomUUID>;
  const seededBytes = (size: number): Buffer => {
    const out = Buffer.alloc(size);
    const tag = ++counter;
    for (let offset = 0, block = 0; offset < size; block++) {
      offset += createHash("sha256").update(`${namespace}:bytes:${tag}:${block}`).digest().copy(out, offset);
    }
    return out;
  };
  const mutable = crypto as unknown as Record<string, unknown>;
  mutable.randomUUID = seededUuid;
  mutable.randomBytes = seededBytes;
  syncBuiltinESMExports();
  try {
    return await work();
  } finally {
    mutable.randomUUID = original.randomUUID;
    mutable.randomBytes = original.randomBytes;
    syncBuiltinESMExports();
  }
}

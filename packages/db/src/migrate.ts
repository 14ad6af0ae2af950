import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "./open-database";
import { scriptMarker } from "./pglite-driver";

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations");

/** The migration files in the order they apply (their names sort by time). */
export function listMigrations(dir = migrationsDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort();
}

/**
 * Applies every migration not applied yet, each once and in its own transaction. An advisory
 * lock keeps two server instances starting together from applying the same file twice.
 */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  for (const name of listMigrations(dir)) {
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    const didApply = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(7246147)`.execute(trx);
      const done = await trx.selectFrom("schema_migrations").select("name").where("name", "=", name).executeTakeFirst();
      if (done) return false;
      await sql.raw(`${scriptMarker}\n${text}`).execute(trx);
      await trx.insertInto("schema_migrations").values({ name }).execute();
      return true;
    });
    if (didApply) applied.push(name);
  }
  return applied;
}

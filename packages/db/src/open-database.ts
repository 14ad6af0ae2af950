import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { lockDataDir, type DataDirLock } from "./data-dir-lock";
import { PGliteDialect } from "./pglite-driver";
import type { Schema } from "./schema";

export type Db = Kysely<Schema>;
export type Trx = Transaction<Schema>;

/** How Trellis reaches its database: a server URL, or an embedded data directory. */
export type DatabaseConfig = { url: string } | { dataDir: string } | { memory: true };

/** An open database: the Kysely handle, change notifications, and a close that frees the lock. */
export interface Database {
  readonly kind: "postgres" | "pglite";
  readonly db: Db;
  /** Subscribes to NOTIFY on a channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// bigint (int8) as JS number: Trellis counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the database the config names; the embedded one is locked against a second process. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if ("url" in config) return openPostgres(config.url);
  if ("memory" in config) return openPGlite(undefined, null);
  const lock = await lockDataDir(config.dataDir);
  try {
    return await openPGlite(path.join(lock.dataDir, "pgdata"), lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.TRELLIS_DB_POOL ?? 10) });
  pool.on("error", (error) => console.error("database pool error:", error.message));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  let listener: pg.PoolClient | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  return {
    kind: "postgres",
    db,
    async listen(channel, onPayload) {
      if (!listener) {
        listener = await pool.connect();
        listener.on("notification", (message) => {
          for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? "");
        });
      }
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.query(`listen "${channel.replace(/"/g, "")}"`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async close() {
      listener?.release();
      listener = null;
      await db.destroy();
    },
  };
}

async function openPGlite(pgdata: string | undefined, lock: DataDirLock | null): Promise<Database> {
  if (pgdata) fs.mkdirSync(pgdata, { recursive: true });
  const pglite = await PGlite.create(pgdata, { parsers: { 20: (value: string) => Number(value) } });
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: "pglite",
    db,
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => unlisten();
    },
    async close() {
      await db.destroy();
      await pglite.close();
      await lock?.release();
    },
  };
}

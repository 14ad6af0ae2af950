import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "./migrate";
import { openDatabase, type Database } from "./open-database";

/** The server the integration suite uses; CI has one on 127.0.0.1:5432 (user postgres, trust). */
export const testServerUrl = process.env.TRELLIS_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let serverReachable: Promise<string | null> | null = null;

/** Null when the test Postgres server answers, else the reason it does not. */
export function postgresUnavailableReason(): Promise<string | null> {
  serverReachable ??= (async () => {
    const client = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (error) {
      return `PostgreSQL at ${testServerUrl} is not reachable (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return serverReachable;
}

export type TestDatabaseKind = "pglite" | "postgres";

/** The database kinds a suite runs against: both, unless Postgres is absent outside CI. */
export async function testDatabaseKinds(): Promise<TestDatabaseKind[]> {
  const reason = await postgresUnavailableReason();
  if (reason === null) return ["pglite", "postgres"];
  if (process.env.CI) throw new Error(`CI requires PostgreSQL: ${reason}`);
  console.warn(`Skipping the Postgres half of the integration suite: ${reason}`);
  return ["pglite"];
}

/** Creates a fresh server database and returns its URL and a function that drops it. */
export async function createScratchPostgres(prefix = "trellis_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: testServerUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Opens a migrated, empty database of the given kind; close() also drops a scratch server database. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<Database> {
  if (kind === "pglite") {
    const database = await openDatabase({ memory: true });
    await migrate(database.db);
    return database;
  }
  const scratch = await createScratchPostgres();
  const database = await openDatabase({ url: scratch.url });
  await migrate(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

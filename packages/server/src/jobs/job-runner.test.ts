import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchPostgres, postgresUnavailableReason } from "@trellis/db/testing";
import { readConfig } from "../config";
import { openContext } from "../start-server";
import type { ServerContext } from "../context";
import { claimReminder, runJobOnce, takeLease, type ScheduledJob } from "./job-runner";

const unavailable = await postgresUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI requires PostgreSQL: ${unavailable}`);
if (unavailable) console.warn(`Skipping the two-instance job test: ${unavailable}`);

describe.skipIf(unavailable !== null)("scheduled jobs with leases, two instances on one Postgres", () => {
  let one: ServerContext;
  let two: ServerContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await createScratchPostgres();
    drop = scratch.drop;
    const config = readConfig({ databaseUrl: scratch.url, demo: false }, {});
    one = await openContext(config, () => {});
    two = await openContext(config, () => {});
  });
  afterAll(async () => {
    await one?.database.close();
    await two?.database.close();
    await drop?.();
  });

  it("gives a lease to one instance at a time and takes over an expired one", async () => {
    expect(await takeLease(one, "lease-test", "one", 60_000)).toBe(true);
    expect(await takeLease(two, "lease-test", "two", 60_000)).toBe(false);
    const later = { ...two, clock: () => new Date(Date.now() + 120_000) };
    expect(await takeLease(later, "lease-test", "two", 60_000)).toBe(true);
  });

  it("sends each reminder once even when both instances run the job at the same moment", async () => {
    const sent: string[] = [];
    const job = (who: string): ScheduledJob => ({
      name: "reminder-test",
      intervalMs: 1000,
      run: async (ctx) => {
        for (const key of ["r1", "r2", "r3"]) {
          const claimed = await ctx.db.transaction().execute((trx) => claimReminder(trx, key));
          if (claimed) sent.push(`${who}:${key}`);
        }
      },
    });
    for (let round = 0; round < 5; round++) await Promise.all([runJobOnce(one, job("one"), "one"), runJobOnce(two, job("two"), "two")]);
    expect(sent.map((s) => s.split(":")[1]).sort()).toEqual(["r1", "r2", "r3"]);
  });
});

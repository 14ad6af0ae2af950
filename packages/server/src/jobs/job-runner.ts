import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Trx } from "@trellis/db";
import type { ServerContext } from "../context";

/** A scheduled job: run every intervalMs by whichever instance holds its lease. */
export interface ScheduledJob {
  name: string;
  intervalMs: number;
  /** How long a lease lasts; a crashed holder's lease expires after this. */
  leaseMs?: number;
  run(ctx: ServerContext, now: Date): Promise<void>;
}

/**
 * Takes the job's lease if it is free or expired (one atomic upsert), so with several instances on
 * one database exactly one runs the job at a time. Returns false when another instance holds it.
 */
export async function takeLease(ctx: ServerContext, job: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = ctx.clock();
  const until = new Date(now.getTime() + leaseMs);
  const row = await sql<{ owner: string }>`
    insert into job_leases (job, owner, leased_until) values (${job}, ${owner}, ${until})
    on conflict (job) do update set owner = excluded.owner, leased_until = excluded.leased_until
      where job_leases.leased_until < ${now} or job_leases.owner = ${owner}
    returning owner`.execute(ctx.db);
  return row.rows[0]?.owner === owner;
}

/** Gives the lease back early so the next tick (on any instance) can take it. */
export async function releaseLease(ctx: ServerContext, job: string, owner: string): Promise<void> {
  await ctx.db.updateTable("job_leases").set({ leased_until: new Date(0) }).where("job", "=", job).where("owner", "=", owner).execute();
}

/** Runs one job once if this owner gets its lease; true when it ran. */
export async function runJobOnce(ctx: ServerContext, job: ScheduledJob, owner: string): Promise<boolean> {
  if (!(await takeLease(ctx, job.name, owner, job.leaseMs ?? 5 * 60_000))) return false;
  try {
    await job.run(ctx, ctx.clock());
  } finally {
    await releaseLease(ctx, job.name, owner);
  }
  return true;
}

/**
 * Claims a reminder's dedup key inside the caller's transaction: true for exactly one caller
 * across all instances, ever. Send the mail only after a true answer.
 */
export async function claimReminder(trx: Trx, dedupKey: string): Promise<boolean> {
  const row = await sql<{ dedup_key: string }>`insert into sent_reminders (dedup_key) values (${dedupKey}) on conflict do nothing returning dedup_key`.execute(trx);
  return row.rows.length === 1;
}

/** Starts the jobs (capabilities.ts lists them) on timers; returns a stop function. */
export function startJobs(ctx: ServerContext, jobs: readonly ScheduledJob[]): () => void {
  const owner = `instance-${randomUUID()}`;
  const timers = jobs.map((job) =>
    setInterval(() => {
      runJobOnce(ctx, job, owner).catch((error: Error) => ctx.log(`Job ${job.name} failed: ${error.message}`));
    }, job.intervalMs),
  );
  for (const timer of timers) timer.unref();
  return () => timers.forEach(clearInterval);
}

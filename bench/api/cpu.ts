// CPU accounting for the API benchmark, from /proc (Linux): a process, a process group, the
// PostgreSQL backends of a database, the whole machine.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type pg from "pg";

export const clockTicks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** utime + stime (ms) of a process, or null when it is gone; with its process group. */
export function processCpu(pid: number): { ms: number; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks, pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

/** CPU (ms) of every process in a process group (the npx, tsx and node of `trellis start`). */
export function groupCpu(pgrp: number): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const cpu = processCpu(Number(name));
    if (cpu?.pgrp === pgrp) total += cpu.ms;
  }
  return total;
}

/** Busy and total jiffies of the whole machine (/proc/stat). */
export function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3]! + values[4]!;
  return { busy: total - idle, total };
}

/** CPU (ms) so far of each PostgreSQL backend of the client's database, other than the client's own. */
export async function backendCpu(monitor: pg.ClientBase): Promise<Map<number, number>> {
  const res = await monitor.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
  return new Map(res.rows.map((r) => [r.pid, processCpu(r.pid)?.ms ?? 0]));
}

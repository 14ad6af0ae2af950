import { AppError } from "@trellis/core";
import type { HealthActivity, HealthReport, HealthSignal, Trend } from "@trellis/core/health";
import { migrate, openDatabase, type Database } from "@trellis/db";
import { readConfig } from "@trellis/server";
import { computeAllianceHealth } from "@trellis/server/health/compute-alliance-health";
import { loadSeatNameMap } from "@trellis/server/health/health-service";
import type { Command } from "commander";

interface HealthOptions {
  json?: boolean;
  at?: string;
  databaseUrl?: string;
  dataDir?: string;
}

async function allianceByRef(database: Database, ref: string): Promise<{ id: string; name: string; slug: string }> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const row = await database.db
    .selectFrom("alliances")
    .select(["id", "name", "slug"])
    .where((eb) => (isUuid ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No alliance ${ref} (give its id or slug; \`trellis verify\` lists them).`);
  return row;
}

/** The evaluation time: an ISO time, a date, "last" (the alliance's last event) or now. */
async function evaluationTime(database: Database, allianceId: string, at: string | undefined): Promise<Date> {
  if (at === undefined) return new Date();
  if (at === "last") {
    const row = await database.db.selectFrom("events").select((eb) => eb.fn.max("occurred_at").as("at")).where("alliance_id", "=", allianceId).executeTakeFirst();
    return row?.at ? new Date(row.at) : new Date();
  }
  const value = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T23:59:59Z` : at;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new AppError("validation_failed", `--at takes an ISO time, a date (YYYY-MM-DD) or "last", not ${at}.`);
  return time;
}

const iso = (ms: number) => new Date(ms).toISOString();

function signalJson(s: HealthSignal) {
  return { id: s.id, label: s.label, scope: s.scope, value: s.value, trend: s.trend, raw: s.raw, formula: s.formula, weight: s.weight, recordCount: s.evidence.recordCount };
}

/** The JSON `trellis health --json` prints: index and the activity behind it, sub-indices with signals, seats and alerts with onset dates. */
export function healthJson(alliance: { id: string; name: string; slug: string }, report: HealthReport, lastSeq: number, seatNames: Map<string, string>) {
  const seatName = (id: string | null) => (id ? (seatNames.get(id) ?? null) : null);
  return {
    alliance,
    asOf: iso(report.now),
    lastSeq,
    window: { from: iso(report.window.from), to: iso(report.window.to), days: report.window.days },
    index: report.alliance.index,
    trend: report.alliance.trend,
    activity: report.alliance.activity,
    dynamics: Object.values(report.alliance.dynamics).map((d) => ({
      dynamic: d.dynamic,
      value: d.value,
      trend: d.trend,
      signals: report.alliance.signals.filter((s) => s.dynamic === d.dynamic).map(signalJson),
    })),
    seats: report.seats.map((s) => ({
      seatId: s.seatId,
      seatName: seatName(s.seatId),
      index: s.index,
      trend: s.trend,
      activity: s.activity,
      dynamics: Object.fromEntries(Object.values(s.dynamics).map((d) => [d.dynamic, d.value])),
    })),
    alerts: report.alerts.map((a) => ({
      key: a.id,
      pathology: a.pathology,
      title: a.title,
      seatId: a.seatId,
      seatName: seatName(a.seatId),
      status: a.status,
      onset: iso(a.raisedAt),
      onsetDate: iso(a.raisedAt).slice(0, 10),
      updatedAt: iso(a.updatedAt),
      resolvedAt: a.resolvedAt === null ? null : iso(a.resolvedAt),
      score: a.score,
      peakScore: a.peakScore,
      description: a.description,
      suggestedMove: a.suggestedMove,
      evidence: { signals: a.evidence.signals, records: a.evidence.records.map((r) => ({ ...r, at: iso(r.at) })) },
    })),
  };
}

function trendText(t: Trend): string {
  if (t.direction === "unknown" || t.delta === null) return "";
  const arrow = t.direction === "up" ? "↑" : t.direction === "down" ? "↓" : "→";
  return ` ${arrow} ${t.delta > 0 ? "+" : ""}${Math.round(t.delta * 100) / 100}`;
}

const show = (v: number | null) => (v === null ? "–" : String(v));

/** What to say beside an index resting on too little activity (nothing when there is enough). */
function activityText(activity: HealthActivity): string {
  if (activity.enough) return "";
  return ` — not enough activity yet (${activity.records} ${activity.records === 1 ? "record" : "records"} in the window)`;
}

/** The human-readable form: index (and whether enough activity backs it), sub-indices with their signals, seats, and alerts with onset and evidence. */
export function healthText(data: ReturnType<typeof healthJson>): string {
  const lines = [
    `${data.alliance.name}: Collaboration Capacity Index ${show(data.index)}/100${trendText(data.trend)}${activityText(data.activity)}`,
    `as of ${data.asOf.slice(0, 10)}, over the ${data.window.days} days before`,
    "",
  ];
  for (const d of data.dynamics) {
    lines.push(`${d.dynamic.padEnd(11)} ${show(d.value).padStart(3)}${trendText(d.trend)}`);
    for (const s of d.signals) lines.push(`    ${s.label.padEnd(58)} ${s.value === null ? "no evidence" : s.value.toFixed(2)}${trendText(s.trend)}`);
  }
  lines.push("", "Seats");
  for (const s of data.seats) lines.push(`  ${(s.seatName ?? s.seatId ?? "").padEnd(36)} ${show(s.index).padStart(3)}${activityText(s.activity)}`);
  lines.push("", data.alerts.length ? "Alerts" : "No alerts.");
  for (const a of data.alerts) {
    lines.push(`  ${a.status === "active" ? "●" : "○"} ${a.title}${a.seatName ? ` (${a.seatName})` : ""}: since ${a.onsetDate}${a.resolvedAt ? `, resolved ${a.resolvedAt.slice(0, 10)}` : ""}`);
    lines.push(`      ${a.description}`);
    for (const s of a.evidence.signals) lines.push(`      ${s.label}: ${s.value} (${s.comparison === "at_least" ? "≥" : "≤"} ${s.threshold})`);
    if (a.status === "active") lines.push(`      Suggested move: ${a.suggestedMove}`);
  }
  return `${lines.join("\n")}\n`;
}

/** trellis health <alliance>: the alliance's Collaboration Capacity Index, computed in full from its log. */
export function registerHealthCommands(program: Command): void {
  program
    .command("health")
    .description("Show an alliance's health: the Collaboration Capacity Index, its sub-indices and signals, per-seat scores, and alerts with their onset and evidence")
    .argument("<alliance>", "alliance id or slug")
    .option("--json", "print JSON")
    .option("--at <time>", 'evaluate at this time (ISO time, YYYY-MM-DD, or "last" for the last event; default now)')
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)")
    .action(async (ref: string, options: HealthOptions) => {
      const config = readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
      const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
      try {
        await migrate(database.db);
        const alliance = await allianceByRef(database, ref);
        const at = await evaluationTime(database, alliance.id, options.at);
        const { report, lastSeq } = await computeAllianceHealth(database.db, alliance.id, at);
        const data = healthJson(alliance, report, lastSeq, await loadSeatNameMap(database.db, alliance.id));
        if (options.json) console.log(JSON.stringify(data, null, 2));
        else process.stdout.write(healthText(data));
      } finally {
        await database.close();
      }
    });
}

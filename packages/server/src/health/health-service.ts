import { applyFact, createHealthState, evaluate, type HealthActivity, type HealthAlert, type HealthReport, type HealthState } from "@trellis/core/health";
import { canonicalJson } from "@trellis/core/canonical-json";
import type { Db, Trx } from "@trellis/db";
import type { ServerContext } from "../context";
import { recordEvent } from "../use-cases/record-event";
import { createHealthFactSource, loadHealthFacts, type HealthFactSource } from "./load-health-facts";
import { countPortfolioMatters } from "./portfolio-counters";

/** An alliance's engine state in memory, with the last event folded into it. */
export interface HealthEntry {
  allianceId: string;
  state: HealthState;
  source: HealthFactSource;
  lastSeq: number;
}

/** The weekly index series the portfolio's sparkline shows. */
export interface HealthSeriesPoint {
  weekEnd: string;
  index: number | null;
}

/** What the snapshot stores beside its columns (health_snapshots.summary). */
export interface HealthSnapshotSummary {
  trend: { previous: number | null; delta: number | null; direction: string };
  /** The records behind the index; absent in snapshots stored before it was kept (the next refresh adds it). */
  activity?: HealthActivity;
  dynamics: Record<string, number | null>;
  series: HealthSeriesPoint[];
  stalledLoops: number;
  silentSeatIds: string[];
  unresolvedObjections: number;
  openTensions: number;
  renewal: { dueOn: string | null; overdue: boolean };
  openAlerts: { id: string; pathology: string; title: string; seatId: string | null; onset: string }[];
}

const DAY_MS = 86_400_000;
const SERIES_WEEKS = 12;

/** The UTC day number of a Sunday on or before `day` (weekly series end on Sundays, like the alert checks). */
export function sundayOnOrBefore(day: number): number {
  return day - ((((day + 4) % 7) + 7) % 7);
}

/** Weekly points (oldest first) of the index, the records behind it and the sub-indices, evaluated at the end of each of the last `weeks` weeks. */
export function weeklyHistory(state: HealthState, now: number, weeks: number, seatId: string | null = null) {
  const last = sundayOnOrBefore(Math.floor(now / DAY_MS));
  const points = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const day = last - 7 * i;
    const at = day * DAY_MS + DAY_MS - 1;
    const report = evaluate(state, at);
    const score = seatId === null ? report.alliance : report.seats.find((s) => s.seatId === seatId);
    const dynamics: Record<string, number | null> = {};
    for (const [dynamic, sub] of Object.entries(score?.dynamics ?? {})) dynamics[dynamic] = sub.value;
    points.push({
      weekEnd: new Date(day * DAY_MS).toISOString().slice(0, 10),
      index: score?.index ?? null,
      activity: score?.activity ?? { records: 0, enough: false },
      dynamics,
      activeAlerts: report.alerts.filter((a) => a.status === "active").length,
    });
  }
  return points;
}

/**
 * Computes an alliance's health incrementally: the engine state of recently used alliances stays
 * in memory and folds only the events after its last seq; a cold alliance is computed from its
 * whole log (the same result, tested). Each refresh stores the alerts (raised once, updated,
 * resolved, with their events) and the snapshot the portfolio reads. Refreshes of one alliance
 * run one at a time.
 */
export class HealthService {
  private readonly entries = new Map<string, HealthEntry>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: ServerContext,
    /** Alliances kept in memory (least recently used leave first). */
    private readonly capacity = 64,
  ) {}

  /** Forgets the in-memory state (tests: the next refresh recomputes from the log). */
  forget(allianceId?: string): void {
    if (allianceId) this.entries.delete(allianceId);
    else this.entries.clear();
  }

  /**
   * Brings the alliance's health up to date with its log at `now` and returns the report; stores
   * alerts and the snapshot unless `store` is false (reads that may still fail write nothing).
   */
  refresh(allianceId: string, now: Date = this.ctx.clock(), options: { store?: boolean } = {}): Promise<{ entry: HealthEntry; report: HealthReport }> {
    const store = options.store ?? true;
    const previous = this.queues.get(allianceId) ?? Promise.resolve();
    const run = previous.then(
      () => this.refreshNow(allianceId, now, store),
      () => this.refreshNow(allianceId, now, store),
    );
    const settled = run.catch(() => undefined);
    this.queues.set(allianceId, settled);
    void settled.then(() => {
      if (this.queues.get(allianceId) === settled) this.queues.delete(allianceId);
    });
    return run;
  }

  private async entryFor(allianceId: string): Promise<HealthEntry> {
    const settings = await this.ctx.db.selectFrom("pulse_settings").select("min_group_size").where("alliance_id", "=", allianceId).executeTakeFirst();
    const k = settings?.min_group_size ?? 5;
    const cached = this.entries.get(allianceId);
    this.entries.delete(allianceId);
    // A changed anonymity threshold changes which pulse aggregates count: start over from the log.
    if (cached && cached.state.options.minGroupSize === k) {
      this.entries.set(allianceId, cached);
      return cached;
    }
    const entry: HealthEntry = { allianceId, state: createHealthState({ minGroupSize: k }), source: createHealthFactSource(), lastSeq: 0 };
    this.entries.set(allianceId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }

  private async refreshNow(allianceId: string, now: Date, store: boolean): Promise<{ entry: HealthEntry; report: HealthReport }> {
    const entry = await this.entryFor(allianceId);
    try {
      const { lastSeq } = await loadHealthFacts(this.ctx.db, allianceId, {
        afterSeq: entry.lastSeq,
        source: entry.source,
        onFacts: (facts) => {
          for (const fact of facts) applyFact(entry.state, fact);
        },
      });
      entry.lastSeq = lastSeq;
    } catch (error) {
      // A half-folded state is not trusted: the next refresh starts over.
      this.entries.delete(allianceId);
      throw error;
    }
    const report = evaluate(entry.state, now.getTime());
    if (store) await this.store(entry, report, now);
    return { entry, report };
  }

  /** Stores alerts and the snapshot unless nothing moved since the last store (same log position, same day). */
  private async store(entry: HealthEntry, report: HealthReport, now: Date): Promise<void> {
    const db = this.ctx.db;
    const snapshot = await db.selectFrom("health_snapshots").select(["last_seq", "as_of"]).where("alliance_id", "=", entry.allianceId).executeTakeFirst();
    const sameDay = snapshot && Math.floor(snapshot.as_of.getTime() / DAY_MS) === Math.floor(now.getTime() / DAY_MS);
    if (snapshot && sameDay && snapshot.last_seq >= entry.lastSeq) return;
    const counters = await countPortfolioMatters(db, entry.allianceId, now);
    const series = weeklyHistory(entry.state, now.getTime(), SERIES_WEEKS).map((p) => ({ weekEnd: p.weekEnd, index: p.index }));
    // Evaluating past weeks leaves caches at other days; the report of `now` was taken before.
    await db.transaction().execute(async (trx) => {
      const open = await storeAlerts(trx, entry.allianceId, report.alerts, now, snapshot === undefined);
      const head = await trx.selectFrom("events").select((eb) => eb.fn.max("seq").as("seq")).where("alliance_id", "=", entry.allianceId).executeTakeFirst();
      const dynamics: Record<string, number | null> = {};
      for (const [dynamic, sub] of Object.entries(report.alliance.dynamics)) dynamics[dynamic] = sub.value;
      const silent = new Set(counters.quietSeatIds);
      for (const a of open) if (a.pathology === "silent-partner" && a.seatId) silent.add(a.seatId);
      const summary: HealthSnapshotSummary = {
        trend: report.alliance.trend,
        activity: report.alliance.activity,
        dynamics,
        series,
        stalledLoops: counters.stalledLoops,
        silentSeatIds: [...silent].sort(),
        unresolvedObjections: counters.unresolvedObjections,
        openTensions: counters.openTensions,
        renewal: counters.renewal,
        openAlerts: open,
      };
      const row = {
        last_seq: Math.max(entry.lastSeq, Number(head?.seq ?? 0)),
        computed_at: now,
        as_of: now,
        health_index: report.alliance.index,
        trend_delta: report.alliance.trend.delta,
        summary: JSON.stringify(summary),
        open_alert_count: open.length,
        open_pathologies: [...new Set(open.map((a) => a.pathology))].sort(),
      };
      await trx
        .insertInto("health_snapshots")
        .values({ alliance_id: entry.allianceId, ...row })
        .onConflict((oc) => oc.column("alliance_id").doUpdateSet((eb) => ({ ...row, version: eb("health_snapshots.version", "+", 1) })))
        .execute();
    });
  }
}

/**
 * Writes the engine's alerts: a new key is inserted (and announced with health.alert_raised,
 * unless it was already resolved when the alliance is first computed, as after an import), a
 * changed one updated, one the engine resolved marked resolved (health.alert_resolved). Keys the
 * engine no longer has (history rewritten by late records) are resolved. Returns the open alerts.
 */
export async function storeAlerts(trx: Trx, allianceId: string, alerts: readonly HealthAlert[], now: Date, firstComputation: boolean): Promise<HealthSnapshotSummary["openAlerts"]> {
  const rows = await trx.selectFrom("health_alerts").selectAll().where("alliance_id", "=", allianceId).execute();
  const byKey = new Map(rows.map((r) => [r.alert_key, r]));
  const seen = new Set<string>();
  const seatNames = await loadSeatNameMap(trx, allianceId);
  for (const alert of alerts) {
    seen.add(alert.id);
    const row = byKey.get(alert.id);
    const evidence = JSON.stringify(alert.evidence);
    const columns = {
      status: alert.status,
      updated_at: new Date(alert.updatedAt),
      resolved_at: alert.resolvedAt === null ? null : new Date(alert.resolvedAt),
      score: alert.score,
      peak_score: alert.peakScore,
      evidence,
    };
    if (!row) {
      const seatId = alert.seatId && seatNames.has(alert.seatId) ? alert.seatId : null;
      const inserted = await trx
        .insertInto("health_alerts")
        .values({
          alliance_id: allianceId,
          alert_key: alert.id,
          pathology: alert.pathology,
          seat_id: seatId,
          title: alert.title,
          description: alert.description,
          suggested_move: alert.suggestedMove,
          raised_at: new Date(alert.raisedAt),
          ...columns,
        })
        .onConflict((oc) => oc.columns(["alliance_id", "alert_key"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue; // another instance stored it first
      if (alert.status === "active" || !firstComputation) await announce(trx, allianceId, "health.alert_raised", inserted.id, alert, seatNames, now);
      if (alert.status === "resolved" && !firstComputation) await announce(trx, allianceId, "health.alert_resolved", inserted.id, alert, seatNames, now);
      continue;
    }
    const changed = row.status !== alert.status || row.score !== alert.score || row.peak_score !== alert.peakScore || row.updated_at.getTime() !== alert.updatedAt || canonicalJson(row.evidence) !== canonicalJson(alert.evidence);
    if (!changed) continue;
    await trx.updateTable("health_alerts").set({ ...columns, version: row.version + 1 }).where("id", "=", row.id).execute();
    if (row.status === "active" && alert.status === "resolved") await announce(trx, allianceId, "health.alert_resolved", row.id, alert, seatNames, now);
  }
  for (const row of rows) {
    if (seen.has(row.alert_key) || row.status !== "active") continue;
    await trx.updateTable("health_alerts").set({ status: "resolved", resolved_at: now, updated_at: now, version: row.version + 1 }).where("id", "=", row.id).execute();
    await recordEvent(trx, now, {
      allianceId,
      type: "health.alert_resolved",
      actorId: null,
      visibility: { level: "facilitators" },
      payload: { alertId: row.id, key: row.alert_key, pathology: row.pathology, title: row.title, seatId: row.seat_id, seatName: row.seat_id ? (seatNames.get(row.seat_id) ?? null) : null, reason: "evidence no longer in the record" },
    });
  }
  const open = await trx
    .selectFrom("health_alerts")
    .select(["id", "pathology", "title", "seat_id", "raised_at"])
    .where("alliance_id", "=", allianceId)
    .where("status", "=", "active")
    .orderBy("raised_at", "desc")
    .orderBy("id")
    .execute();
  return open.map((a) => ({ id: a.id, pathology: a.pathology, title: a.title, seatId: a.seat_id, onset: a.raised_at.toISOString() }));
}

async function announce(trx: Trx, allianceId: string, type: string, alertId: string, alert: HealthAlert, seatNames: Map<string, string>, now: Date): Promise<void> {
  await recordEvent(trx, now, {
    allianceId,
    type,
    actorId: null,
    seatId: null,
    visibility: { level: "facilitators" },
    payload: {
      alertId,
      key: alert.id,
      pathology: alert.pathology,
      title: alert.title,
      seatId: alert.seatId,
      seatName: alert.seatId ? (seatNames.get(alert.seatId) ?? null) : null,
      onset: new Date(alert.raisedAt).toISOString(),
      ...(type === "health.alert_resolved" && alert.resolvedAt !== null ? { resolvedAt: new Date(alert.resolvedAt).toISOString() } : {}),
      score: alert.score,
      evidence: { signals: alert.evidence.signals, recordCount: alert.evidence.records.length },
    },
  });
}

/** Seat id -> the name of its organization. */
export async function loadSeatNameMap(db: Db | Trx, allianceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("seats as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(["s.id", "o.name"])
    .where("s.alliance_id", "=", allianceId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const services = new WeakMap<ServerContext, HealthService>();

/** The health service of a server (one per context). */
export function healthServiceFor(ctx: ServerContext): HealthService {
  let service = services.get(ctx);
  if (!service) {
    service = new HealthService(ctx);
    services.set(ctx, service);
  }
  return service;
}

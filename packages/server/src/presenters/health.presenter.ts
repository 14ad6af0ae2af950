import { can, canSee, type AllianceViewer } from "@trellis/core";
import { healthDynamics, pathologies, type EvidenceRecord, type HealthReport, type HealthSignal, type HealthState, type SignalExplanation, type Trend } from "@trellis/core/health";
import { visibilityFromColumns, type Db } from "@trellis/db";
import { z } from "zod";

/** Shapes of the health API (docs/briefs/health-api.md): what leaves the server. */

export const trendSchema = z.object({ previous: z.number().nullable(), delta: z.number().nullable(), direction: z.enum(["up", "down", "flat", "unknown"]) });
const windowSchema = z.object({ from: z.string(), to: z.string(), days: z.number() });
export const signalSchema = z.object({
  id: z.string(),
  dynamic: z.enum(healthDynamics),
  label: z.string(),
  scope: z.enum(["alliance", "seat"]),
  seatId: z.string().nullable(),
  value: z.number().nullable(),
  trend: trendSchema,
  raw: z.record(z.string(), z.number()),
  formula: z.string(),
  weight: z.number(),
  window: windowSchema,
  recordCount: z.number(),
});
export const evidenceRecordSchema = z.object({
  recordType: z.string(),
  recordId: z.string(),
  factType: z.string(),
  eventSeq: z.number().nullable(),
  at: z.string(),
  title: z.string().nullable(),
  path: z.string(),
});
const alertSignalSchema = z.object({ id: z.string(), label: z.string(), value: z.number(), threshold: z.number(), comparison: z.enum(["at_least", "at_most"]), windowDays: z.number() });
export const alertSchema = z.object({
  id: z.string(),
  key: z.string(),
  pathology: z.enum(pathologies),
  title: z.string(),
  seatId: z.string().nullable(),
  seatName: z.string().nullable(),
  status: z.enum(["active", "resolved"]),
  onset: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  score: z.number(),
  peakScore: z.number(),
  description: z.string(),
  suggestedMove: z.string().nullable(),
  evidence: z.object({ signals: z.array(alertSignalSchema), records: z.array(evidenceRecordSchema) }).nullable(),
});
/** The evidence behind an index: records in the window, and whether that is enough for the index to mean something. */
export const activitySchema = z.object({ records: z.number(), enough: z.boolean() });
const dynamicValueSchema = z.object({ dynamic: z.enum(healthDynamics), value: z.number().nullable(), trend: trendSchema });
export const healthSchema = z.object({
  allianceId: z.string(),
  asOf: z.string(),
  lastSeq: z.number(),
  window: windowSchema,
  index: z.number().nullable(),
  trend: trendSchema,
  activity: activitySchema,
  dynamics: z.array(dynamicValueSchema.extend({ signals: z.array(signalSchema) })),
  seats: z.array(
    z.object({
      seatId: z.string(),
      seatName: z.string(),
      index: z.number().nullable(),
      trend: trendSchema,
      activity: activitySchema,
      dynamics: z.array(dynamicValueSchema),
      signals: z.array(signalSchema).nullable(),
    }),
  ),
  perceptionGap: z.array(
    z.object({
      dynamic: z.enum(healthDynamics),
      spread: z.number().nullable(),
      pulseId: z.string().nullable(),
      seats: z.array(z.object({ seatId: z.string(), seatName: z.string(), mean: z.number(), respondents: z.number() })).nullable(),
    }),
  ),
  alerts: z.array(alertSchema),
  viewer: z.object({ isFacilitator: z.boolean(), pulseMinGroupSize: z.number() }),
});
export const explanationSchema = z.object({
  allianceId: z.string(),
  asOf: z.string(),
  dynamic: z.enum(healthDynamics),
  seatId: z.string().nullable(),
  value: z.number().nullable(),
  formula: z.string(),
  signals: z.array(z.object({ signal: signalSchema, contribution: z.number().nullable(), records: z.array(evidenceRecordSchema), totalRecords: z.number() })),
});
export const historySchema = z.object({
  allianceId: z.string(),
  seatId: z.string().nullable(),
  weeks: z.array(z.object({ weekEnd: z.string(), index: z.number().nullable(), activity: activitySchema, dynamics: z.record(z.string(), z.number().nullable()), activeAlerts: z.number() })),
});

export type PresentedSignal = z.infer<typeof signalSchema>;
export type PresentedEvidence = z.infer<typeof evidenceRecordSchema>;
export type PresentedAlert = z.infer<typeof alertSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

/** A signal as it leaves the server. */
export function presentSignal(s: HealthSignal): PresentedSignal {
  return {
    id: s.id,
    dynamic: s.dynamic,
    label: s.label,
    scope: s.scope,
    seatId: s.seatId,
    value: s.value,
    trend: s.trend,
    raw: s.raw,
    formula: s.formula,
    weight: s.weight,
    window: { from: iso(s.window.from), to: iso(s.window.to), days: s.window.days },
    recordCount: s.evidence.recordCount,
  };
}

/** The kind of record a health fact is about, and the web page that shows it. */
export function recordLinkOf(allianceId: string, factType: string, recordId: string, payload: Record<string, unknown>): { recordType: string; path: string } {
  const base = `/alliances/${allianceId}`;
  const [head] = factType.split(".");
  switch (head) {
    case "commitment":
      return { recordType: "commitment", path: `${base}/commitments/${recordId}` };
    case "meeting":
      return { recordType: "meeting", path: `${base}/meetings/${recordId}` };
    case "agenda":
      return { recordType: "agenda_item", path: typeof payload.meetingId === "string" ? `${base}/meetings/${payload.meetingId}` : base };
    case "proposal":
    case "position":
      return { recordType: "proposal", path: `${base}/proposals/${recordId}` };
    case "clause":
      return recordId === "charter" ? { recordType: "charter", path: `${base}/charter` } : { recordType: "amendment", path: `${base}/charter/amendments/${recordId}` };
    case "charter":
    case "goal":
      return { recordType: "charter", path: `${base}/charter` };
    case "tension":
      return { recordType: "tension", path: `${base}/tensions/${recordId}` };
    case "breakdown":
      return { recordType: "breakdown", path: `${base}/breakdowns/${recordId}` };
    case "assumption":
      return { recordType: "assumption", path: `${base}/assumptions/${recordId}` };
    case "pulse":
      return { recordType: "pulse", path: `${base}/pulses/${recordId}` };
    case "alignment":
      return { recordType: "alignment_map", path: `${base}/alignment/${recordId}` };
    case "seat":
      return { recordType: "seat", path: `${base}/commitments/ledger/${recordId}` };
    default:
      return { recordType: head ?? "record", path: base };
  }
}

/** The event seq a fact id ("e<seq>" or "e<seq>.<n>") comes from. */
export function eventSeqOf(factId: string): number | null {
  const match = /^e(\d+)(?:\.\d+)?$/.exec(factId);
  return match ? Number(match[1]) : null;
}

function titleOf(payload: Record<string, unknown>): string | null {
  for (const key of ["title", "meetingTitle", "summary", "question"]) {
    const value = payload[key];
    if (typeof value === "string" && value.length > 0) return value.slice(0, 200);
  }
  return null;
}

/**
 * Evidence records with their titles and links, keeping only records whose event the viewer may
 * see (a record behind a hidden event is left out, never hinted at).
 */
export async function presentEvidence(db: Db, allianceId: string, viewer: AllianceViewer, records: readonly EvidenceRecord[]): Promise<PresentedEvidence[]> {
  const seqs = [...new Set(records.map((r) => eventSeqOf(r.factId)).filter((s): s is number => s !== null))];
  const rows = seqs.length
    ? await db.selectFrom("events").select(["seq", "payload", "visibility", "visible_seat_ids", "clean_team_id"]).where("alliance_id", "=", allianceId).where("seq", "in", seqs).execute()
    : [];
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const out: PresentedEvidence[] = [];
  for (const record of records) {
    const seq = eventSeqOf(record.factId);
    const row = seq === null ? undefined : bySeq.get(seq);
    if (!row || !canSee(viewer, visibilityFromColumns(row))) continue;
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    out.push({ ...recordLinkOf(allianceId, record.type, record.recordId, payload), recordId: record.recordId, factType: record.type, eventSeq: seq, at: iso(record.at), title: titleOf(payload) });
  }
  return out;
}

/** Explained signals with their records presented for the viewer. */
export async function presentExplainedSignals(
  db: Db,
  allianceId: string,
  viewer: AllianceViewer,
  signals: readonly (SignalExplanation & { contribution: number | null })[],
): Promise<z.infer<typeof explanationSchema>["signals"]> {
  const out = [];
  for (const s of signals) {
    out.push({ signal: presentSignal(s.signal), contribution: s.contribution, records: await presentEvidence(db, allianceId, viewer, s.records), totalRecords: s.totalRecords });
  }
  return out;
}

/** The perception gap per dynamic: the spread of the seats' mean ratings in the latest pulse that asked about it. */
export function perceptionGapOf(state: HealthState, report: HealthReport, seatNames: Map<string, string>, showSeats: boolean): z.infer<typeof healthSchema>["perceptionGap"] {
  const day = Math.floor(report.now / 86_400_000);
  return healthDynamics.map((dynamic) => {
    for (let i = state.pulseList.length - 1; i >= 0; i--) {
      const pulse = state.pulseList[i];
      if (!pulse || pulse.day > day) continue;
      const perSeat = new Map<string, { sum: number; weight: number; respondents: number }>();
      for (const a of pulse.aggregates) {
        const fact = a.fact;
        if (a.dynamic !== dynamic || fact.type !== "pulse.response_aggregate") continue;
        const cell = perSeat.get(fact.seatId) ?? { sum: 0, weight: 0, respondents: 0 };
        cell.sum += fact.mean * fact.respondents;
        cell.weight += fact.respondents;
        cell.respondents = Math.max(cell.respondents, fact.respondents);
        perSeat.set(fact.seatId, cell);
      }
      if (perSeat.size === 0) continue;
      const seats = [...perSeat]
        .map(([seatId, c]) => ({ seatId, seatName: seatNames.get(seatId) ?? "A seat", mean: Math.round((10_000 * c.sum) / c.weight) / 10_000, respondents: c.respondents }))
        .sort((a, b) => a.seatId.localeCompare(b.seatId));
      const means = seats.map((s) => s.mean);
      const spread = seats.length >= 2 ? Math.round(10_000 * (Math.max(...means) - Math.min(...means))) / 10_000 : null;
      return { dynamic, spread, pulseId: pulse.pulseId, seats: showSeats ? seats : null };
    }
    return { dynamic, spread: null, pulseId: null, seats: showSeats ? [] : null };
  });
}

/** The alliance's health for a viewer: partners see their own seats' signals, facilitators everything. */
export function presentHealth(input: {
  allianceId: string;
  viewer: AllianceViewer;
  report: HealthReport;
  state: HealthState;
  lastSeq: number;
  seatNames: Map<string, string>;
  alerts: PresentedAlert[];
  pulseMinGroupSize: number;
}): z.infer<typeof healthSchema> {
  const { report, viewer } = input;
  const facilitator = can(viewer, "health.evidence");
  const alliance = report.alliance;
  const valueOf = (t: Trend) => t;
  return {
    allianceId: input.allianceId,
    asOf: iso(report.now),
    lastSeq: input.lastSeq,
    window: { from: iso(report.window.from), to: iso(report.window.to), days: report.window.days },
    index: alliance.index,
    trend: valueOf(alliance.trend),
    activity: alliance.activity,
    dynamics: healthDynamics.map((d) => ({
      dynamic: d,
      value: alliance.dynamics[d].value,
      trend: alliance.dynamics[d].trend,
      signals: alliance.signals.filter((s) => s.dynamic === d).map(presentSignal),
    })),
    seats: report.seats
      .filter((s) => s.seatId !== null && input.seatNames.has(s.seatId))
      .map((s) => ({
        seatId: s.seatId as string,
        seatName: input.seatNames.get(s.seatId as string) ?? "A seat",
        index: s.index,
        trend: s.trend,
        activity: s.activity,
        dynamics: healthDynamics.map((d) => ({ dynamic: d, value: s.dynamics[d].value, trend: s.dynamics[d].trend })),
        signals: facilitator || viewer.seatIds.includes(s.seatId as string) ? s.signals.map(presentSignal) : null,
      })),
    perceptionGap: perceptionGapOf(input.state, report, input.seatNames, facilitator),
    alerts: input.alerts,
    viewer: { isFacilitator: facilitator, pulseMinGroupSize: input.pulseMinGroupSize },
  };
}

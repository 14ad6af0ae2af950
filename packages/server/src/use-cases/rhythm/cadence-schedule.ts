import { AppError, type Visibility } from "@trellis/core";
import { buildCadenceRule, describeRrule, validateCadence, type CadenceKind, type CadenceRuleForm } from "@trellis/core/rhythm";
import type { Trx } from "@trellis/db";

/** How a cadence's recurrence is given: the simple form, or a raw RFC 5545 RRULE with its first start. */
export type CadenceScheduleInput = ({ kind: "form" } & CadenceRuleForm) | { kind: "rrule"; rrule: string; dtstart: string; timeZone: string };

/** A schedule resolved to what is stored: rule, synchronized first start, zone, plain-English description. */
export interface ResolvedSchedule {
  rrule: string;
  dtstart: string;
  timeZone: string;
  description: string;
}

/**
 * Builds (form) or takes (raw) the rule and checks it with core's validateCadence, which also
 * requires the first start to be an occurrence of the rule.
 */
export function resolveCadenceSchedule(schedule: CadenceScheduleInput, cadence: { kind: CadenceKind; title: string; durationMinutes: number }): ResolvedSchedule {
  let resolved: ResolvedSchedule;
  if (schedule.kind === "form") {
    const { kind: _kind, ...form } = schedule;
    const built = buildCadenceRule(form);
    resolved = { rrule: built.rrule, dtstart: built.dtstart, timeZone: schedule.timeZone, description: built.description };
  } else {
    const rrule = schedule.rrule.trim().replace(/^RRULE:/i, "");
    resolved = { rrule, dtstart: schedule.dtstart, timeZone: schedule.timeZone, description: "" };
  }
  validateCadence({ id: "new", allianceId: "new", kind: cadence.kind, title: cadence.title, rrule: resolved.rrule, dtstart: resolved.dtstart, timeZone: resolved.timeZone, durationMinutes: cadence.durationMinutes, expectedSeatIds: [], cancelledStarts: [] });
  if (!resolved.description) resolved.description = describeRrule(resolved.rrule, { dtstart: resolved.dtstart, timeZone: resolved.timeZone });
  return resolved;
}

/** Checks that seats named by a cadence (expected seats, seat visibility) and a clean team belong to the alliance. */
export async function checkCadenceTargets(trx: Trx, allianceId: string, seatIds: readonly string[], visibility: Visibility): Promise<void> {
  const named = [...new Set([...seatIds, ...(visibility.level === "seats" ? visibility.seatIds : [])])];
  if (named.length > 0) {
    const found = await trx.selectFrom("seats").select("id").where("alliance_id", "=", allianceId).where("id", "in", named).execute();
    if (found.length !== named.length) {
      const known = new Set(found.map((s) => s.id));
      throw new AppError("validation_failed", "A seat named is not a seat of this alliance.", { issues: named.filter((id) => !known.has(id)).map((id) => ({ path: "seatIds", message: `unknown seat ${id}` })) });
    }
  }
  if (visibility.level === "seats" && visibility.seatIds.length === 0) {
    throw new AppError("validation_failed", "Name at least one seat that may see the cadence.", { issues: [{ path: "visibility.seatIds", message: "empty" }] });
  }
  if (visibility.level === "clean_team") {
    const team = await trx.selectFrom("clean_teams").select("id").where("id", "=", visibility.cleanTeamId).where("alliance_id", "=", allianceId).executeTakeFirst();
    if (!team) throw new AppError("validation_failed", "The clean team is not one of this alliance.", { issues: [{ path: "visibility.cleanTeamId", message: "unknown clean team" }] });
  }
}

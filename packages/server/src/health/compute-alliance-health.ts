import { computeHealth, type HealthReport } from "@trellis/core/health";
import type { Db } from "@trellis/db";
import { loadHealthFacts } from "./load-health-facts";

/**
 * The full computation of an alliance's health at `now`: every event of its log derived into
 * facts and folded into a fresh state (what `trellis health` prints; the incremental service must
 * agree with it). Stable name: docs/briefs/health-api.md.
 */
export async function computeAllianceHealth(db: Db, allianceId: string, now: Date): Promise<{ report: HealthReport; lastSeq: number; factCount: number }> {
  const settings = await db.selectFrom("pulse_settings").select("min_group_size").where("alliance_id", "=", allianceId).executeTakeFirst();
  const { facts, lastSeq } = await loadHealthFacts(db, allianceId);
  return { report: computeHealth(facts, now.getTime(), { minGroupSize: settings?.min_group_size ?? 5 }), lastSeq, factCount: facts.length };
}

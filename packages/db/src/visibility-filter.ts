import type { AllianceViewer } from "@trellis/core";
import { isFacilitator } from "@trellis/core";
import { sql, type RawBuilder } from "kysely";

/**
 * The visibility rule of core/visibility.ts as a SQL condition over a table with the columns
 * visibility, visible_seat_ids and clean_team_id (alias given). Tested against canSee.
 */
export function visibleTo(viewer: AllianceViewer, alias: string): RawBuilder<boolean> {
  const t = sql.ref(alias);
  if (viewer.roles.length === 0) return sql<boolean>`false`;
  const facilitator = isFacilitator(viewer);
  const seats = [...viewer.seatIds];
  const teams = [...viewer.cleanTeamIds];
  return sql<boolean>`(
    ${t}.visibility = 'alliance'
    or (${t}.visibility = 'seats' and (${sql.lit(facilitator)} or ${t}.visible_seat_ids && ${seats}::uuid[]))
    or (${t}.visibility = 'facilitators' and ${sql.lit(facilitator)})
    or (${t}.visibility = 'clean_team' and ${t}.clean_team_id = any(${teams}::uuid[]))
  )`;
}

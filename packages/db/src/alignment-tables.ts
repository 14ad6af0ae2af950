import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/** The alignment map's tables travel in an alliance's archive, in foreign-key order. */
export function registerAlignmentTables(): void {
  const ofMaps = (id: string) => sql`map_id in (select id from alignment_maps where alliance_id = ${id})`;
  registerAllianceTable("alignment_maps", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("alignment_participants", ofMaps);
  registerAllianceTable("alignment_statements", ofMaps);
  registerAllianceTable("alignment_votes", ofMaps);
  registerAllianceTable("alignment_results", ofMaps);
}

registerAlignmentTables();

import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/**
 * The register tables travel in an alliance's full archive (the operator's `trellis export`), in
 * foreign-key order. tension_disclosures carries visibility 'facilitators' (a check holds it there)
 * and, like every row, never travels in a partner's export: exports made for a viewer carry events
 * only, and an anonymous tension's events name no author.
 */
export function registerRegisterTables(): void {
  registerAllianceTable("breakdowns", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("tensions", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("tension_disclosures", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("assumptions", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("learnings", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("register_comments", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("register_links", (id) => sql`alliance_id = ${id}`);
}

registerRegisterTables();

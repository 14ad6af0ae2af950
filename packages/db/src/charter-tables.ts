import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/** The charter's tables travel in an alliance's archive, in foreign-key order. */
export function registerCharterTables(): void {
  registerAllianceTable("charters", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("charter_versions", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("charter_amendments", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("charter_ratifications", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("charter_comments", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("charter_renewal_rounds", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("charter_renewal_answers", (id) => sql`alliance_id = ${id}`);
}

registerCharterTables();

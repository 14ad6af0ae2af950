import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/** The decision tables travel in an alliance's archive, in foreign-key order. */
export function registerDecisionTables(): void {
  registerAllianceTable("decision_proposals", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("decision_positions", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("decision_objection_responses", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("decision_outcomes", (id) => sql`alliance_id = ${id}`);
}

registerDecisionTables();

import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/** The commitment tables an alliance's export and import carry, in foreign-key order. */
export const commitmentTables = ["commitments", "commitment_moves"] as const;

registerAllianceTable("commitments", (id) => sql`alliance_id = ${id}`);
registerAllianceTable("commitment_moves", (id) => sql`alliance_id = ${id}`);

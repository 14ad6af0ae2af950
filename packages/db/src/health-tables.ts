import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/**
 * Health alerts travel in an alliance's archive with the events that announced them, so an
 * imported alliance does not raise its alerts a second time. Snapshots are derived and stay behind.
 */
export function registerHealthTables(): void {
  registerAllianceTable("health_alerts", (id) => sql`alliance_id = ${id}`);
}

registerHealthTables();

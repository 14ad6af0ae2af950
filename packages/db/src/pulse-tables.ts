import { sql } from "kysely";
import { registerAllianceTable } from "./archive";

/**
 * The pulse tables travel in an alliance's full archive, in foreign-key order. Answers and
 * respondents are written in one transaction, so their physical order would pair them; the
 * archive writes each in the order of an unrelated random column instead (respondent keys are
 * random; person ids are not the key), so the file does not line a person up with an answer.
 */
export function registerPulseTables(): void {
  registerAllianceTable("pulse_settings", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("pulse_cadences", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("pulses", (id) => sql`alliance_id = ${id}`);
  registerAllianceTable("pulse_respondents", (id) => sql`pulse_id in (select id from pulses where alliance_id = ${id}) order by pulse_id, person_id`);
  registerAllianceTable("pulse_answers", (id) => sql`pulse_id in (select id from pulses where alliance_id = ${id}) order by pulse_id, respondent_key, item_id, target_seat_id`);
}

registerPulseTables();

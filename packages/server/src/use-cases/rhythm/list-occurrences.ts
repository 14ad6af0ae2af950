import { AppError } from "@trellis/core";
import { agendaCutoffOf, occurrencesOf, viewOccurrenceIn, type Cadence, type Occurrence, type OccurrenceView } from "@trellis/core/rhythm";
import { assertTimeZone } from "@trellis/core/rhythm/time-zone";
import { loadMeetingsOfCadences, type CadenceRow, type Db } from "@trellis/db";

/** An occurrence as lists show it: the slot, its agenda cutoff, the viewer's local view, its meeting if opened. */
export interface ListedOccurrence extends Occurrence {
  cadenceTitle: string;
  kind: string;
  agendaCutoffAt: string;
  view: OccurrenceView;
  meeting: { id: string; status: string; agendaItemCount: number } | null;
}

/** The longest window a list or feed expands at once. */
export const maxWindowDays = 400;

/** Checks a [from, to) window: to after from, at most maxWindowDays long. */
export function checkWindow(from: Date, to: Date): void {
  if (!(to.getTime() > from.getTime())) throw new AppError("validation_failed", "`to` must be after `from`.", { issues: [{ path: "to", message: "not after from" }] });
  if (to.getTime() - from.getTime() > maxWindowDays * 24 * 3600_000) {
    throw new AppError("validation_failed", `A window is at most ${maxWindowDays} days long.`, { issues: [{ path: "to", message: "window too long" }] });
  }
}

/**
 * Occurrences of the given cadences in [from, to), in start order (then cadence id), each shown in
 * the viewer's time zone, with the meeting opened for it. `after` continues a previous page.
 */
export async function listOccurrences(
  db: Db,
  cadences: readonly { row: CadenceRow; cadence: Cadence }[],
  window: { from: Date; to: Date; timeZone: string; limit: number; after?: [string, string] | undefined },
): Promise<{ items: ListedOccurrence[]; next: [string, string] | null }> {
  checkWindow(window.from, window.to);
  assertTimeZone(window.timeZone, "timeZone");
  const meetings = await loadMeetingsOfCadences(
    db,
    cadences.map((c) => c.row.id),
  );
  const all: ListedOccurrence[] = [];
  for (const { row, cadence } of cadences) {
    for (const occurrence of occurrencesOf(cadence, window.from, window.to)) {
      all.push({
        ...occurrence,
        cadenceTitle: row.title,
        kind: row.kind,
        agendaCutoffAt: agendaCutoffOf(occurrence, row.agenda_cutoff_minutes),
        view: viewOccurrenceIn(occurrence, window.timeZone),
        meeting: meetings.get(`${row.id}/${occurrence.occurrenceKey}`) ?? null,
      });
    }
  }
  const keyOf = (o: ListedOccurrence): [string, string] => [o.start, `${o.cadenceId}/${o.occurrenceKey}`];
  const compare = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  all.sort((a, b) => compare(keyOf(a), keyOf(b)));
  const after = window.after;
  const rest = after ? all.filter((o) => compare(keyOf(o), after) > 0) : all;
  const items = rest.slice(0, window.limit);
  const last = items.at(-1);
  return { items, next: rest.length > window.limit && last ? keyOf(last) : null };
}

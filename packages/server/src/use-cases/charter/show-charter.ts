import { AppError, can, type AllianceViewer } from "@trellis/core";
import { authorshipBalance, charterRenewalStatus, charterRules, diffCharters, type Charter, type CharterRenewalStatus } from "@trellis/core/charter";
import {
  countOpenAmendmentsByClause,
  listCharterVersions,
  listDelegateSeatIds,
  listSeatRefs,
  loadCharterAdoptedOn,
  loadCharterHead,
  loadCharterVersion,
  loadPeopleNames,
  type Db,
  type SeatRefRow,
} from "@trellis/db";
import type { ServerContext } from "../../context";
import { presentCharter, presentCharterDiff, type CharterView, type Names } from "../../presenters/charter.presenter";
import type { z } from "zod";
import type { charterDiffSchema, charterVersionListSchema } from "../../presenters/charter.presenter";

/** Seat and person names for presenters. */
export async function loadNames(db: Db, seats: readonly SeatRefRow[], personIds: readonly string[]): Promise<Names> {
  return { seats: new Map(seats.map((s) => [s.id, s.name])), people: await loadPeopleNames(db, personIds) };
}

async function requireHead(db: Db, viewer: AllianceViewer, allianceId: string) {
  if (!can(viewer, "charter.view")) throw new AppError("forbidden", "Your role cannot read the charter.");
  const head = await loadCharterHead(db, allianceId);
  if (!head) throw new AppError("not_found", "This alliance has no charter yet.", { reason: "no_charter" });
  return head;
}

async function requireVersion(db: Db, allianceId: string, version: number): Promise<Charter> {
  const charter = await loadCharterVersion(db, allianceId, version);
  if (!charter) throw new AppError("not_found", `The charter has no version ${version}.`, { version });
  return charter;
}

/** Renewal status of the charter in force at `now`, or null while no clause is in force. */
export async function loadRenewalStatus(db: Db, allianceId: string, head: { current_version: number; renewed_on: string | null }, charter: Charter, now: Date): Promise<CharterRenewalStatus | null> {
  if (head.current_version < 1) return null;
  const adoptedOn = await loadCharterAdoptedOn(db, allianceId);
  if (!adoptedOn) return null;
  return charterRenewalStatus({ adoptedOn, renewedOn: head.renewed_on, periodMonths: charterRules(charter).renewalPeriodMonths, now });
}

/** The charter page: the version in force (or an earlier one), by section, with authorship, rules and renewal. */
export async function getCharterView(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { version?: number | undefined } = {}): Promise<CharterView> {
  const head = await requireHead(ctx.db, viewer, allianceId);
  const charter = await requireVersion(ctx.db, allianceId, input.version ?? head.current_version);
  const current = charter.version === head.current_version ? charter : await requireVersion(ctx.db, allianceId, head.current_version);
  const seats = await listSeatRefs(ctx.db, allianceId);
  const names = await loadNames(ctx.db, seats, charter.clauses.flatMap((c) => c.authorship.map((a) => a.personId)));
  const delegateSeats = await listDelegateSeatIds(ctx.db, allianceId, viewer.personId);
  return presentCharter({
    charter,
    currentVersion: head.current_version,
    rules: charterRules(charter),
    seats,
    balance: authorshipBalance(charter, seats.map((s) => s.id)),
    renewal: await loadRenewalStatus(ctx.db, allianceId, head, current, ctx.clock()),
    openAmendmentsByClause: charter.version === head.current_version ? await countOpenAmendmentsByClause(ctx.db, allianceId, viewer) : new Map(),
    names,
    can: { propose: delegateSeats.length > 0, openRenewal: can(viewer, "renewal.open") && head.current_version >= 1 },
  });
}

/** The charter's versions, newest first, with the amendment each came from. */
export async function getCharterVersions(ctx: ServerContext, viewer: AllianceViewer, allianceId: string): Promise<z.infer<typeof charterVersionListSchema>> {
  const head = await requireHead(ctx.db, viewer, allianceId);
  const seats = await listSeatRefs(ctx.db, allianceId);
  const seatNames = new Map(seats.map((s) => [s.id, s.name]));
  const rows = await listCharterVersions(ctx.db, allianceId, viewer);
  return {
    currentVersion: head.current_version,
    items: rows.map((r) => ({
      version: r.charter_version,
      adoptedAt: r.adopted_at ? r.adopted_at.toISOString() : null,
      amendment:
        r.amendment_id && r.amendment_title
          ? { id: r.amendment_id, title: r.amendment_title, kind: r.amendment_kind ?? "", proposerSeatId: r.proposer_seat_id, proposerSeatName: r.proposer_seat_id ? (seatNames.get(r.proposer_seat_id) ?? null) : null }
          : null,
    })),
  };
}

/** A readable word-level diff between any two versions (either direction; to defaults to the version in force). */
export async function getCharterDiff(ctx: ServerContext, viewer: AllianceViewer, allianceId: string, input: { from: number; to?: number | undefined }): Promise<z.infer<typeof charterDiffSchema>> {
  const head = await requireHead(ctx.db, viewer, allianceId);
  const from = await requireVersion(ctx.db, allianceId, input.from);
  const to = await requireVersion(ctx.db, allianceId, input.to ?? head.current_version);
  const seats = await listSeatRefs(ctx.db, allianceId);
  return presentCharterDiff(diffCharters(from, to), { seats: new Map(seats.map((s) => [s.id, s.name])), people: new Map() });
}

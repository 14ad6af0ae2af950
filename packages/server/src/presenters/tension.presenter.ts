import { presentTensionForFacilitator, presentTensionForPartner, type FacilitatorTensionView } from "@trellis/core/registers";
import { tensionDisclosureFromRow, tensionFromRow, type TensionDisclosureRow, type TensionRow } from "@trellis/db";
import { z } from "zod";
import { personRef, personRefSchema, presentVisibility, seatRef, seatRefSchema, visibilitySchema, type RegisterNames } from "./register.presenter";

export const tensionSchema = z.object({
  id: z.string(),
  summary: z.string(),
  detail: z.string().nullable(),
  target: z.union([z.object({ kind: z.literal("seat"), seat: seatRefSchema }), z.object({ kind: z.literal("alliance") })]),
  anonymous: z.boolean(),
  /** Present only for a named tension. */
  raisedBy: z.object({ person: personRefSchema, seat: seatRefSchema }).optional(),
  status: z.enum(["raised", "in_dialogue", "resolved", "reframed"]),
  raisedAt: z.string(),
  /** The day it was raised (all an anonymous tension keeps). */
  raisedOn: z.string(),
  ageDays: z.number().int(),
  isOpen: z.boolean(),
  dialogueOpenedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.object({ kind: z.enum(["resolved", "reframed"]), text: z.string() }).nullable(),
  visibility: visibilitySchema,
  version: z.number().int(),
  /** Facilitators only, and only when an anonymous author chose to tell them. */
  disclosedAuthor: z.object({ person: personRefSchema, seat: seatRefSchema }).optional(),
});

/**
 * A tension as it leaves the server, built from core's partner view (or, for a facilitator, the
 * facilitator view), never from the row: an anonymous tension's JSON has no author key at all.
 */
export function presentTension(
  row: TensionRow,
  names: RegisterNames,
  now: Date,
  options: { disclosure?: TensionDisclosureRow | null; forFacilitator?: boolean } = {},
): z.infer<typeof tensionSchema> {
  const tension = tensionFromRow(row);
  const view = options.forFacilitator
    ? presentTensionForFacilitator(tension, options.disclosure ? tensionDisclosureFromRow(options.disclosure) : null, now)
    : presentTensionForPartner(tension, now);
  const presented: z.infer<typeof tensionSchema> = {
    id: view.id,
    summary: view.summary,
    detail: view.detail,
    target: view.target.kind === "seat" ? { kind: "seat", seat: seatRef(names, view.target.seatId) } : { kind: "alliance" },
    anonymous: view.anonymous,
    status: view.status,
    raisedAt: view.raisedAt.toISOString(),
    raisedOn: view.raisedAt.toISOString().slice(0, 10),
    ageDays: view.ageDays,
    isOpen: view.isOpen,
    dialogueOpenedAt: view.dialogueOpenedAt?.toISOString() ?? null,
    closedAt: view.closedAt?.toISOString() ?? null,
    outcome: view.outcome ? { kind: view.outcome.kind, text: view.outcome.kind === "resolved" ? view.outcome.note : view.outcome.reframing } : null,
    visibility: presentVisibility(row),
    version: row.version,
  };
  if (!view.anonymous) presented.raisedBy = { person: personRef(names, view.raisedByPersonId), seat: seatRef(names, view.fromSeatId) };
  const disclosed = options.forFacilitator ? (view as FacilitatorTensionView).disclosedAuthor : null;
  if (disclosed) presented.disclosedAuthor = { person: personRef(names, disclosed.personId), seat: seatRef(names, disclosed.seatId) };
  return presented;
}

import { can, isFacilitator, type AllianceViewer } from "@trellis/core";
import type { AlignmentMapRow } from "@trellis/db";
import { z } from "zod";
import { voteName } from "../use-cases/alignment/cast-alignment-vote";

export const alignmentProgressSchema = z.object({ voted: z.number().int(), total: z.number().int() });

export const alignmentStatementRefSchema = z.object({ id: z.string(), number: z.number().int(), body: z.string() });

export const alignmentMapSummarySchema = z.object({
  id: z.string(),
  question: z.string(),
  description: z.string(),
  status: z.enum(["open", "closed"]),
  source: z.enum(["trellis", "polis"]),
  link: z.object({ kind: z.string(), id: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: z.object({ statements: z.number().int(), pending: z.number().int(), voters: z.number().int(), votes: z.number().int() }),
  results: z.object({ k: z.number().int(), computedAt: z.string(), isStale: z.boolean() }).nullable(),
});

export const alignmentMapSchema = alignmentMapSummarySchema.extend({
  version: z.number().int(),
  revision: z.number().int(),
  visibility: z.object({ level: z.string(), seatIds: z.array(z.string()) }),
  createdBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  me: z.object({ hasJoined: z.boolean(), progress: alignmentProgressSchema }),
  can: z.object({ addStatement: z.boolean(), moderate: z.boolean(), vote: z.boolean(), update: z.boolean() }),
});

export const alignmentStatementSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  body: z.string(),
  moderation: z.enum(["pending", "accepted", "rejected", "meta"]),
  isMine: z.boolean(),
  myVote: z.enum(["agree", "disagree", "pass"]).nullable(),
  createdAt: z.string(),
  moderatedAt: z.string().nullable(),
  version: z.number().int(),
});

/** Counts and the latest result's headline, as the list and the map page show them. */
export interface AlignmentMapCounts {
  statement_count: number | string | null;
  pending_count: number | string | null;
  voter_count: number | string | null;
  vote_count: number | string | null;
  result_k: number | null;
  result_revision: number | null;
  result_computed_at: Date | null;
}

/** A map in the list: its question, link, state, counts, and whether its result is current. */
export function presentAlignmentMapSummary(map: AlignmentMapRow & AlignmentMapCounts): z.infer<typeof alignmentMapSummarySchema> {
  return {
    id: map.id,
    question: map.question,
    description: map.description,
    status: map.status as "open" | "closed",
    source: map.source as "trellis" | "polis",
    link: map.link_kind && map.link_id ? { kind: map.link_kind, id: map.link_id } : null,
    createdAt: map.created_at.toISOString(),
    updatedAt: map.updated_at.toISOString(),
    counts: { statements: Number(map.statement_count ?? 0), pending: Number(map.pending_count ?? 0), voters: Number(map.voter_count ?? 0), votes: Number(map.vote_count ?? 0) },
    results:
      map.result_k !== null && map.result_computed_at !== null && map.result_revision !== null
        ? { k: map.result_k, computedAt: map.result_computed_at.toISOString(), isStale: map.result_revision < map.revision }
        : null,
  };
}

/** One map for its page: the summary, who opened it, the viewer's progress and what they may do. */
export function presentAlignmentMap(
  map: AlignmentMapRow & AlignmentMapCounts,
  extra: { viewer: AllianceViewer; createdBy: { id: string; displayName: string } | null; hasJoined: boolean; progress: { voted: number; total: number } },
): z.infer<typeof alignmentMapSchema> {
  const isOpen = map.status === "open";
  const { viewer } = extra;
  return {
    ...presentAlignmentMapSummary(map),
    version: map.version,
    revision: map.revision,
    visibility: { level: map.visibility, seatIds: map.visible_seat_ids },
    createdBy: extra.createdBy,
    me: { hasJoined: extra.hasJoined, progress: extra.progress },
    can: {
      addStatement: isOpen && can(viewer, "alignment.contribute"),
      moderate: can(viewer, "alignment.moderate"),
      vote: isOpen && can(viewer, "alignment.vote"),
      update: can(viewer, "alignment.moderate"),
    },
  };
}

/** A statement row as the statements query returns it. */
export interface AlignmentStatementRow {
  id: string;
  number: number;
  body: string;
  moderation: string;
  author_participant_id: string | null;
  created_at: Date;
  moderated_at: Date | null;
  version: number;
  my_vote: number | null;
}

/** A statement: its text and state, whether the viewer wrote it and how they voted. Authors are never named. */
export function presentAlignmentStatement(row: AlignmentStatementRow, me: { participantId: string | null }): z.infer<typeof alignmentStatementSchema> {
  return {
    id: row.id,
    number: row.number,
    body: row.body,
    moderation: row.moderation as z.infer<typeof alignmentStatementSchema>["moderation"],
    isMine: me.participantId !== null && row.author_participant_id === me.participantId,
    myVote: row.my_vote === null ? null : voteName(row.my_vote),
    createdAt: row.created_at.toISOString(),
    moderatedAt: row.moderated_at?.toISOString() ?? null,
    version: row.version,
  };
}

/** The moderation states a viewer may list: facilitators all, others what is open for voting (plus their own). */
export function visibleModerations(viewer: AllianceViewer): ("pending" | "accepted" | "rejected" | "meta")[] {
  return isFacilitator(viewer) ? ["pending", "accepted", "rejected", "meta"] : ["accepted", "meta"];
}

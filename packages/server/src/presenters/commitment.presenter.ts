import { canSee, can, type AllianceViewer } from "@trellis/core";
import {
  assessDeadline,
  availableMoves,
  commitmentRoles,
  commitmentStates,
  escalationLevels,
  loopReasonLabels,
  loopReasons,
  moveLabels,
  moveNames,
  movePayloads,
  standingOf,
  stateLabels,
  whoseTurn,
  type Commitment,
  type CommitmentParty,
  type LoopReason,
  type MoveName,
} from "@trellis/core/commitments";
import { formatLocalDateTime, localDateTimeAt } from "@trellis/core/rhythm";
import type { CommitmentRow, PartyDirectory } from "@trellis/db";
import { z } from "zod";

/** Every move name with its plain-language label, for the OpenAPI descriptions. */
export const moveNamesDescription = `The move, by its stable name. Labels shown to people: ${moveNames.map((m) => `${m} = "${moveLabels[m]}"`).join("; ")}.`;

export const moveNameSchema = z.enum(moveNames).meta({
  description: moveNamesDescription,
  "x-enum-descriptions": moveNames.map((m) => moveLabels[m]),
});

const partySchema = z.object({
  person: z.object({ id: z.string(), displayName: z.string() }),
  seat: z.object({ id: z.string(), name: z.string() }),
});

export const moveOptionSchema = z.object({
  move: moveNameSchema,
  label: z.string().meta({ description: "The button's words, e.g. Promise, Suggest other terms, Report done, Accept as done, Release my promise." }),
  terms: z.enum(["none", "optional", "required"]).meta({ description: "Whether the move carries new conditions or a new due date (required: at least one must change)." }),
  needsAnswerBy: z.boolean().meta({ description: "True for commit_to_commit: the date by which the performer will answer." }),
});

const deadlineSchema = z.object({
  at: z.string().nullable(),
  kind: z.enum(["due", "answer_by"]).nullable(),
  waitsOn: z.enum(commitmentRoles).nullable(),
  level: z.enum(escalationLevels),
  isOverdue: z.boolean(),
  overdueDays: z.number().int(),
});

export const commitmentSummarySchema = z.object({
  id: z.string(),
  allianceId: z.string(),
  title: z.string(),
  state: z.enum(commitmentStates),
  stateLabel: z.string(),
  isOpen: z.boolean(),
  version: z.number().int(),
  conditions: z.string(),
  dueAt: z.string(),
  timeZone: z.string(),
  dueLocal: z.string().meta({ description: "The due date as a wall-clock time in its time zone (2026-11-30T17:00:00)." }),
  customer: partySchema,
  performer: partySchema,
  links: z.object({ meetingId: z.string().nullable(), proposalId: z.string().nullable(), charterClauseId: z.string().nullable(), goalId: z.string().nullable() }),
  visibility: z.object({ level: z.string(), seatIds: z.array(z.string()), cleanTeamId: z.string().nullable() }),
  pendingRenegotiation: z
    .object({ by: z.enum(commitmentRoles), person: z.object({ id: z.string(), displayName: z.string() }), at: z.string(), conditions: z.string().nullable(), dueAt: z.string().nullable(), timeZone: z.string().nullable() })
    .nullable(),
  commitToCommitBy: z.string().nullable(),
  deadline: deadlineSchema,
  turn: z.object({ role: z.enum(commitmentRoles), personId: z.string(), reason: z.enum(loopReasons), reasonLabel: z.string() }).nullable(),
  myRole: z.enum(commitmentRoles).nullable(),
  availableMoves: z.array(moveOptionSchema).meta({ description: "Exactly the moves the viewer may make now (core availableMoves), in the order of the state machine." }),
  negotiationRounds: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastMove: z.object({ move: moveNameSchema, label: z.string(), at: z.string() }).nullable(),
  nudgedAt: z.string().nullable(),
});

export const threadEntrySchema = z.object({
  seq: z.number().int(),
  move: moveNameSchema,
  label: z.string(),
  by: z.object({ id: z.string(), displayName: z.string() }),
  role: z.enum(commitmentRoles),
  at: z.string(),
  message: z.string().nullable(),
  terms: z.object({ conditions: z.string().nullable(), dueAt: z.string().nullable(), timeZone: z.string().nullable() }).nullable(),
  answerBy: z.string().nullable(),
});

export const commitmentDetailSchema = commitmentSummarySchema.extend({
  thread: z.array(threadEntrySchema).meta({ description: "The whole conversation: every move with its words, oldest first." }),
  canNudge: z.boolean(),
});

export const loopItemSchema = commitmentSummarySchema.extend({
  loop: z.object({
    side: z.enum(["waits_on_me", "i_wait_on"]),
    reason: z.enum(loopReasons),
    reasonLabel: z.string(),
    counterpart: partySchema,
  }),
});

export type CommitmentSummary = z.infer<typeof commitmentSummarySchema>;
export type CommitmentDetail = z.infer<typeof commitmentDetailSchema>;

function person(directory: PartyDirectory, personId: string) {
  return { id: personId, displayName: directory.people.get(personId)?.displayName ?? "Someone" };
}

function party(directory: PartyDirectory, p: CommitmentParty) {
  return { person: person(directory, p.personId), seat: { id: p.seatId, name: directory.seats.get(p.seatId)?.name ?? "A seat" } };
}

/** The move options a person has now: name, label, and what the move carries. */
export function presentMoveOptions(moves: readonly MoveName[]) {
  return moves.map((move) => ({ move, label: moveLabels[move], terms: movePayloads[move].terms, needsAnswerBy: movePayloads[move].answerBy }));
}

/** A commitment as a list or a card shows it, with the moves this viewer may make now. */
export function presentCommitmentSummary(commitment: Commitment, row: Pick<CommitmentRow, "updated_at" | "nudged_at">, directory: PartyDirectory, viewer: AllianceViewer, now: Date): CommitmentSummary {
  const deadline = assessDeadline(commitment, now);
  const turn = whoseTurn(commitment);
  const standing = standingOf(commitment, viewer);
  const pending = commitment.pendingRenegotiation;
  const last = commitment.history[commitment.history.length - 1];
  const visibility = commitment.visibility;
  return {
    id: commitment.id,
    allianceId: commitment.allianceId,
    title: commitment.title,
    state: commitment.state,
    stateLabel: stateLabels[commitment.state],
    isOpen: turn !== null,
    version: commitment.version,
    conditions: commitment.conditions,
    dueAt: commitment.dueAt,
    timeZone: commitment.timeZone,
    dueLocal: formatLocalDateTime(localDateTimeAt(Date.parse(commitment.dueAt), commitment.timeZone)),
    customer: party(directory, commitment.customer),
    performer: party(directory, commitment.performer),
    links: {
      meetingId: commitment.links.meetingId ?? null,
      proposalId: commitment.links.proposalId ?? null,
      charterClauseId: commitment.links.charterClauseId ?? null,
      goalId: commitment.links.goalId ?? null,
    },
    visibility: {
      level: visibility.level,
      seatIds: visibility.level === "seats" ? [...visibility.seatIds] : [],
      cleanTeamId: visibility.level === "clean_team" ? visibility.cleanTeamId : null,
    },
    pendingRenegotiation: pending
      ? { by: pending.by, person: person(directory, pending.personId), at: pending.at, conditions: pending.conditions ?? null, dueAt: pending.dueAt ?? null, timeZone: pending.timeZone ?? null }
      : null,
    commitToCommitBy: commitment.commitToCommitBy,
    deadline: { at: deadline.deadline, kind: deadline.deadlineKind, waitsOn: deadline.waitsOn, level: deadline.level, isOverdue: deadline.isOverdue, overdueDays: deadline.overdueDays },
    turn: turn ? { role: turn.role, personId: (turn.role === "customer" ? commitment.customer : commitment.performer).personId, reason: turn.reason, reasonLabel: loopReasonLabels[turn.reason] } : null,
    myRole: standing === "customer" || standing === "performer" ? standing : null,
    availableMoves: presentMoveOptions(can(viewer, "commitment.move") ? availableMoves(commitment, viewer, now) : []),
    negotiationRounds: commitment.negotiationRounds,
    createdAt: commitment.createdAt,
    updatedAt: row.updated_at.toISOString(),
    openedAt: commitment.openedAt,
    closedAt: commitment.closedAt,
    lastMove: last ? { move: last.move, label: moveLabels[last.move], at: last.at } : null,
    nudgedAt: row.nudged_at?.toISOString() ?? null,
  };
}

/** The commitment page: the summary, the whole thread of moves with their words, and whether the viewer may nudge. */
export function presentCommitmentDetail(commitment: Commitment, row: Pick<CommitmentRow, "updated_at" | "nudged_at">, directory: PartyDirectory, viewer: AllianceViewer, now: Date): CommitmentDetail {
  return {
    ...presentCommitmentSummary(commitment, row, directory, viewer, now),
    thread: commitment.history.map((m, index) => {
      const hasTerms = m.conditions !== undefined || m.dueAt !== undefined || m.timeZone !== undefined;
      return {
        seq: index + 1,
        move: m.move,
        label: moveLabels[m.move],
        by: person(directory, m.by),
        role: m.role,
        at: m.at,
        message: m.message ?? null,
        terms: hasTerms ? { conditions: m.conditions ?? null, dueAt: m.dueAt ?? null, timeZone: m.timeZone ?? null } : null,
        answerBy: m.answerBy ?? null,
      };
    }),
    canNudge: can(viewer, "commitment.nudge") && whoseTurn(commitment) !== null && canSee(viewer, commitment.visibility),
  };
}

/** One of "my loops": the summary, which side it is on, what is owed, and the other party. */
export function presentLoopItem(
  commitment: Commitment,
  row: Pick<CommitmentRow, "updated_at" | "nudged_at">,
  loop: { side: "waits_on_me" | "i_wait_on"; reason: LoopReason; myRole: "customer" | "performer" },
  directory: PartyDirectory,
  viewer: AllianceViewer,
  now: Date,
): z.infer<typeof loopItemSchema> {
  return {
    ...presentCommitmentSummary(commitment, row, directory, viewer, now),
    loop: {
      side: loop.side,
      reason: loop.reason,
      reasonLabel: loopReasonLabels[loop.reason],
      counterpart: party(directory, loop.myRole === "customer" ? commitment.performer : commitment.customer),
    },
  };
}

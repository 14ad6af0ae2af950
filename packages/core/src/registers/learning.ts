import { AppError } from "../errors";
import type { RecordLink } from "./record-link";
import { requireId, requireIds, requireInstant, requireNotBefore, requireText } from "./register-input";

/**
 * A learning: from an experiment or an event, what happened, what was learned and what changes
 * because of it. A learning is a record of understanding, not a workflow: it has no status.
 */
export type LearningSource = { kind: "experiment" | "event"; title: string; link: RecordLink | null };

export interface Learning {
  id: string;
  allianceId: string;
  source: LearningSource;
  whatHappened: string;
  whatWasLearned: string;
  whatChanges: string;
  seatIds: readonly string[];
  recordedByPersonId: string;
  recordedAt: Date;
  revisedAt: Date | null;
}

export interface RecordLearningInput {
  id: string;
  allianceId: string;
  source: LearningSource;
  whatHappened: string;
  whatWasLearned: string;
  whatChanges: string;
  seatIds?: readonly string[];
  recordedByPersonId: string;
}

function validateSource(source: LearningSource): LearningSource {
  if (source?.kind !== "experiment" && source?.kind !== "event") {
    throw new AppError("validation_failed", "A learning comes from an experiment or an event.", { field: "source.kind" });
  }
  const link = source.link == null ? null : { type: requireId("source.link.type", source.link.type), id: requireId("source.link.id", source.link.id) };
  return { kind: source.kind, title: requireText("source.title", source.title), link };
}

/** Records a learning; validates every field. */
export function recordLearning(input: RecordLearningInput, at: Date): Learning {
  return {
    id: requireId("id", input.id),
    allianceId: requireId("allianceId", input.allianceId),
    source: validateSource(input.source),
    whatHappened: requireText("whatHappened", input.whatHappened),
    whatWasLearned: requireText("whatWasLearned", input.whatWasLearned),
    whatChanges: requireText("whatChanges", input.whatChanges),
    seatIds: requireIds("seatIds", input.seatIds ?? []),
    recordedByPersonId: requireId("recordedByPersonId", input.recordedByPersonId),
    recordedAt: requireInstant("at", at),
    revisedAt: null,
  };
}

/** Revises the text of a learning (what happened, was learned, changes); stamps revisedAt. */
export function reviseLearning(
  learning: Learning,
  patch: Partial<Pick<Learning, "whatHappened" | "whatWasLearned" | "whatChanges">>,
  at: Date,
): Learning {
  requireNotBefore("at", at, learning.revisedAt ?? learning.recordedAt);
  return {
    ...learning,
    whatHappened: patch.whatHappened === undefined ? learning.whatHappened : requireText("whatHappened", patch.whatHappened),
    whatWasLearned: patch.whatWasLearned === undefined ? learning.whatWasLearned : requireText("whatWasLearned", patch.whatWasLearned),
    whatChanges: patch.whatChanges === undefined ? learning.whatChanges : requireText("whatChanges", patch.whatChanges),
    revisedAt: at,
  };
}

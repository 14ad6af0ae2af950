import type { DecisionMethodKind } from "@trellis/core/decisions";
import { formatDateTime } from "../labels";
import { stanceLabel } from "./decision-labels";
import type { PositionValueView, ProposalOptionView } from "./decision-types";

/** An option's label, with its start for a meeting slot. */
export function optionLabel(option: ProposalOptionView, timeZone: string): string {
  return option.startsAt ? `${option.label} (${formatDateTime(option.startsAt, timeZone)})` : option.label;
}

/** A position in words: "Object", "1. Ypres, 2. Zwolle", "Leaf 5 · Wave 1", "Available: Tue 10:00". */
export function describePosition(method: DecisionMethodKind, options: readonly ProposalOptionView[], value: PositionValueView): string {
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  switch (value.kind) {
    case "stance":
      return stanceLabel(method, value.stance);
    case "ranking":
      return value.ranking.map((id, i) => `${i + 1}. ${label(id)}`).join(", ");
    case "scores":
      return options
        .filter((o) => value.scores[o.id] !== undefined)
        .map((o) => `${o.label} ${value.scores[o.id]}`)
        .join(" · ");
    case "dots":
      return options
        .filter((o) => (value.dots[o.id] ?? 0) > 0)
        .map((o) => `${o.label} ${value.dots[o.id]}`)
        .join(" · ");
    case "availability":
      return value.slotIds.length === 0 ? "None of these slots" : `Available: ${value.slotIds.map(label).join(", ")}`;
  }
}

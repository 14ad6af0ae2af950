import { Text, VisuallyHidden } from "@mantine/core";
import type { WordDiffPart } from "./types";

/**
 * A word-level diff as running text: removed words struck through in red, added words
 * underlined in green; screen readers hear "removed:" and "added:" before each run.
 */
export function WordDiff({ parts, label }: { parts: readonly WordDiffPart[]; label?: string }) {
  return (
    <Text component="div" role={label ? "group" : undefined} className="charter-diff wrap-anywhere" aria-label={label} style={{ whiteSpace: "pre-wrap" }}>
      {parts.map((part, index) =>
        part.op === "equal" ? (
          <span key={index}>{part.text}</span>
        ) : part.op === "delete" ? (
          <del key={index}>
            <VisuallyHidden component="span">removed: </VisuallyHidden>
            {part.text}
          </del>
        ) : (
          <ins key={index}>
            <VisuallyHidden component="span">added: </VisuallyHidden>
            {part.text}
          </ins>
        ),
      )}
    </Text>
  );
}

/** What the colours of a diff mean. */
export function DiffLegend() {
  return (
    <Text size="xs" c="dimmed" className="charter-diff">
      <del>struck through</del> is removed, <ins>underlined</ins> is added.
    </Text>
  );
}

import type { TokenEdit } from "./word-diff";
import { tokenEdits, tokenizeWords } from "./word-diff";

function sameEdit(a: TokenEdit, b: TokenEdit): boolean {
  return a.start === b.start && a.end === b.end && a.insert.join("") === b.insert.join("");
}

/**
 * Suggests a rebased text for a stale amendment by a word-level three-way merge: the amendment's
 * edits (base -> proposed) and the clause's edits since (base -> current) are both applied when
 * they touch different words. Returns null when they touch the same or adjacent words: the
 * proposer then rewrites by hand. The suggestion is never applied without the proposer.
 */
export function suggestRebasedText(baseText: string, proposedText: string, currentText: string): string | null {
  const base = tokenizeWords(baseText);
  const ours = tokenEdits(base, tokenizeWords(proposedText));
  const theirs = tokenEdits(base, tokenizeWords(currentText));
  const merged: TokenEdit[] = [...theirs];
  for (const edit of ours) {
    const overlapping = theirs.filter((other) => edit.start <= other.end && other.start <= edit.end);
    if (overlapping.length === 0) merged.push(edit);
    else if (!(overlapping.length === 1 && sameEdit(edit, overlapping[0] as TokenEdit))) return null;
  }
  merged.sort((a, b) => a.start - b.start || a.end - b.end);
  let text = "";
  let cursor = 0;
  for (const edit of merged) {
    text += base.slice(cursor, edit.start).join("") + edit.insert.join("");
    cursor = edit.end;
  }
  return text + base.slice(cursor).join("");
}

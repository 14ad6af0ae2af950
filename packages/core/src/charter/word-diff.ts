import { AppError } from "../errors";

/** A run of text that is the same in both versions, only in the old one, or only in the new one. */
export interface WordDiffPart {
  op: "equal" | "delete" | "insert";
  text: string;
}

// Words keep inner apostrophes and hyphens ("partner's", "pre-competitive"); every other
// non-space character (punctuation, symbols) is its own token; whitespace runs are tokens.
const tokenPattern = /\s+|[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/** Splits text into word, punctuation and whitespace tokens; joining them gives the text back. */
export function tokenizeWords(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

type TokenOp = { op: "equal" | "delete" | "insert"; token: string };

/** Beyond this many differences the diff is shown as one replacement rather than searched further. */
const MAX_EDIT_DISTANCE = 2000;

/**
 * Myers' O(ND) shortest edit script (E. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", 1986) over tokens: the equal tokens form a longest common subsequence.
 */
function diffTokens(a: readonly string[], b: readonly string[]): TokenOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: TokenOp[] = a.slice(0, start).map((token) => ({ op: "equal", token }));
  const tail: TokenOp[] = a.slice(endA).map((token) => ({ op: "equal", token }));
  const x0 = a.slice(start, endA);
  const y0 = b.slice(start, endB);
  const n = x0.length;
  const m = y0.length;
  const replaceAll = (): TokenOp[] => [
    ...head,
    ...x0.map((token) => ({ op: "delete" as const, token })),
    ...y0.map((token) => ({ op: "insert" as const, token })),
    ...tail,
  ];
  if (n === 0 || m === 0) return replaceAll();

  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d, enough to walk the path back.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && x0[x] === y0[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return replaceAll();

  const middle: TokenOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const snapshot = trace[d] as Int32Array;
    const at = (k: number): number => snapshot[k + d + 1] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      middle.push({ op: "equal", token: x0[x - 1] as string });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) middle.push({ op: "insert", token: y0[prevY] as string });
      else middle.push({ op: "delete", token: x0[prevX] as string });
    }
    x = prevX;
    y = prevY;
  }
  middle.reverse();
  return [...head, ...middle, ...tail];
}

/** One edit of a token list: replace tokens [start, end) of the old list with `insert`. */
export interface TokenEdit {
  start: number;
  end: number;
  insert: readonly string[];
}

/** The edits that turn token list a into b, in order, from the same shortest edit script as diffWords. */
export function tokenEdits(a: readonly string[], b: readonly string[]): TokenEdit[] {
  const edits: TokenEdit[] = [];
  let index = 0;
  let current: { start: number; end: number; insert: string[] } | null = null;
  for (const op of diffTokens(a, b)) {
    if (op.op === "equal") {
      if (current) edits.push(current);
      current = null;
      index += 1;
      continue;
    }
    current ??= { start: index, end: index, insert: [] };
    if (op.op === "delete") {
      index += 1;
      current.end = index;
    } else current.insert.push(op.token);
  }
  if (current) edits.push(current);
  return edits;
}

type Segment = { kind: "equal"; text: string } | { kind: "change"; deleted: string; inserted: string };

/**
 * A readable word-level diff: tokens are diffed exactly, then runs are merged; within a change
 * the deletion comes before the insertion, and a bare space between two changes is folded into
 * them so "a b" -> "x y" reads as one replacement, not two with a space left standing.
 * Joining equal + delete parts gives the old text; equal + insert parts give the new text.
 */
export function diffWords(oldText: string, newText: string): WordDiffPart[] {
  const ops = diffTokens(tokenizeWords(oldText), tokenizeWords(newText));
  const segments: Segment[] = [];
  for (const op of ops) {
    const last = segments[segments.length - 1];
    if (op.op === "equal") {
      if (last?.kind === "equal") last.text += op.token;
      else segments.push({ kind: "equal", text: op.token });
    } else {
      const change = last?.kind === "change" ? last : { kind: "change" as const, deleted: "", inserted: "" };
      if (change !== last) segments.push(change);
      if (op.op === "delete") change.deleted += op.token;
      else change.inserted += op.token;
    }
  }
  const merged: Segment[] = [];
  for (const segment of segments) {
    const previous = merged[merged.length - 1];
    const beforePrevious = merged[merged.length - 2];
    if (segment.kind === "change" && previous?.kind === "equal" && /^\s+$/.test(previous.text) && beforePrevious?.kind === "change") {
      merged.pop();
      beforePrevious.deleted += previous.text + segment.deleted;
      beforePrevious.inserted += previous.text + segment.inserted;
      continue;
    }
    merged.push(segment);
  }
  const parts: WordDiffPart[] = [];
  for (const segment of merged) {
    if (segment.kind === "equal") parts.push({ op: "equal", text: segment.text });
    else {
      if (segment.deleted !== "") parts.push({ op: "delete", text: segment.deleted });
      if (segment.inserted !== "") parts.push({ op: "insert", text: segment.inserted });
    }
  }
  return parts;
}

/** The old text of a diff (equal and deleted parts). */
export function oldTextOfDiff(parts: readonly WordDiffPart[]): string {
  return parts.filter((p) => p.op !== "insert").map((p) => p.text).join("");
}

/** The new text of a diff (equal and inserted parts). */
export function newTextOfDiff(parts: readonly WordDiffPart[]): string {
  return parts.filter((p) => p.op !== "delete").map((p) => p.text).join("");
}

/** Applies a diff to the old text, checking every equal and deleted part against it; validation_failed if they do not match. */
export function applyWordDiff(oldText: string, parts: readonly WordDiffPart[]): string {
  let cursor = 0;
  let result = "";
  for (const part of parts) {
    if (part.op === "insert") {
      result += part.text;
      continue;
    }
    if (oldText.slice(cursor, cursor + part.text.length) !== part.text) {
      throw new AppError("validation_failed", "The diff does not apply to this text.", { at: cursor, reason: "mismatch" });
    }
    cursor += part.text.length;
    if (part.op === "equal") result += part.text;
  }
  if (cursor !== oldText.length) throw new AppError("validation_failed", "The diff does not cover the whole text.", { at: cursor, reason: "incomplete" });
  return result;
}

import { sectionKinds } from "./types";
import type { Charter, Clause, SectionKind } from "./types";
import type { WordDiffPart } from "./word-diff";
import { diffWords } from "./word-diff";

export interface ClauseDiff {
  clauseId: string;
  section: SectionKind;
  seatId: string | null;
  change: "added" | "removed" | "changed" | "unchanged";
  /** Word-level diff of the clause text from the older to the newer version. */
  parts: readonly WordDiffPart[];
  /** The rule setting the clause states changed (governance clauses). */
  settingChanged: boolean;
}

export interface CharterDiff {
  fromVersion: number;
  toVersion: number;
  /** In reading order; a removed clause stays where it stood in the older version. */
  clauses: readonly ClauseDiff[];
  added: number;
  removed: number;
  changed: number;
}

/**
 * A readable diff between any two charter versions (either direction): per clause, added,
 * removed, changed (with a word-level diff) or unchanged.
 */
export function diffCharters(from: Charter, to: Charter): CharterDiff {
  const fromById = new Map(from.clauses.map((c) => [c.id, c]));
  const toIds = new Set(to.clauses.map((c) => c.id));
  const entries: ClauseDiff[] = [];
  for (const section of sectionKinds) {
    const before = from.clauses.filter((c) => c.section === section);
    const after = to.clauses.filter((c) => c.section === section);
    // Merge the two orders: walk the newer one, and put each removed clause right after the
    // clause that preceded it in the older version (or first, if none did).
    const ordered: Clause[] = [];
    const removedAfter = new Map<string | null, Clause[]>();
    let previousKept: string | null = null;
    for (const clause of before) {
      if (toIds.has(clause.id)) previousKept = clause.id;
      else removedAfter.set(previousKept, [...(removedAfter.get(previousKept) ?? []), clause]);
    }
    ordered.push(...(removedAfter.get(null) ?? []));
    for (const clause of after) {
      ordered.push(clause);
      ordered.push(...(removedAfter.get(clause.id) ?? []));
    }
    for (const clause of ordered) {
      const old = fromById.get(clause.id);
      const stillThere = toIds.has(clause.id);
      if (!stillThere) {
        entries.push({ clauseId: clause.id, section, seatId: clause.seatId, change: "removed", parts: diffWords(clause.text, ""), settingChanged: clause.setting !== null });
      } else if (!old) {
        entries.push({ clauseId: clause.id, section, seatId: clause.seatId, change: "added", parts: diffWords("", clause.text), settingChanged: clause.setting !== null });
      } else {
        const settingChanged = JSON.stringify(old.setting) !== JSON.stringify(clause.setting);
        const change = old.text === clause.text && !settingChanged ? "unchanged" : "changed";
        entries.push({ clauseId: clause.id, section, seatId: clause.seatId, change, parts: diffWords(old.text, clause.text), settingChanged });
      }
    }
  }
  return {
    fromVersion: from.version,
    toVersion: to.version,
    clauses: entries,
    added: entries.filter((e) => e.change === "added").length,
    removed: entries.filter((e) => e.change === "removed").length,
    changed: entries.filter((e) => e.change === "changed").length,
  };
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suggestRebasedText } from "./rebase-text";
import { applyWordDiff, diffWords, newTextOfDiff, oldTextOfDiff, tokenEdits, tokenizeWords } from "./word-diff";

// Small vocabularies so random texts share many tokens (and the diff has work to do).
const token = fc.constantFrom("data", "share", "partners", "pre-competitive", "partner's", "the", "we", ",", ".", ";", "(", ")", " ", "  ", "\n", "Übersee", "数据");
// Any UTF-16 code units, lone surrogates included.
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((codes) => String.fromCharCode(...codes));
const text = fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(""));

/** Longest common subsequence length by dynamic programming: the reference for minimality. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

describe("tokenizeWords", () => {
  it("splits words, punctuation and whitespace, keeping inner hyphens and apostrophes", () => {
    expect(tokenizeWords("Partners' pre-competitive data (shared),  openly.")).toEqual([
      "Partners", "'", " ", "pre-competitive", " ", "data", " ", "(", "shared", ")", ",", "  ", "openly", ".",
    ]);
    expect(tokenizeWords("the partner's data")).toEqual(["the", " ", "partner's", " ", "data"]);
  });

  it("joins back to the text, for any text", () => {
    for (const arbitrary of [anyUtf16, text]) {
      fc.assert(
        fc.property(arbitrary, (s) => {
          expect(tokenizeWords(s).join("")).toBe(s);
        }),
        { numRuns: 300, seed: 1 },
      );
    }
  });
});

describe("diffWords", () => {
  it("shows a replaced word and a punctuation change as readable runs", () => {
    expect(diffWords("The partners share pre-competitive data, openly.", "The partners share pre-competitive results, openly; always.")).toEqual([
      { op: "equal", text: "The partners share pre-competitive " },
      { op: "delete", text: "data" },
      { op: "insert", text: "results" },
      { op: "equal", text: ", openly" },
      { op: "insert", text: "; always" },
      { op: "equal", text: "." },
    ]);
  });

  it("folds a lone space between two changes into one replacement", () => {
    expect(diffWords("a b c", "x y z")).toEqual([
      { op: "delete", text: "a b c" },
      { op: "insert", text: "x y z" },
    ]);
  });

  it("handles empty texts and identical texts", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("same text.", "same text.")).toEqual([{ op: "equal", text: "same text." }]);
    expect(diffWords("", "new clause")).toEqual([{ op: "insert", text: "new clause" }]);
    expect(diffWords("old clause", "")).toEqual([{ op: "delete", text: "old clause" }]);
  });

  it("applying the diff to the old text yields the new text, and the diff holds the old text", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffWords(a, b);
        expect(applyWordDiff(a, parts)).toBe(b);
        expect(newTextOfDiff(parts)).toBe(b);
        expect(oldTextOfDiff(parts)).toBe(a);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it("is tidy: no empty parts, no two neighbours with the same op, a deletion before its insertion", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffWords(a, b);
        parts.forEach((part, i) => {
          expect(part.text).not.toBe("");
          const next = parts[i + 1];
          if (next) {
            expect(next.op).not.toBe(part.op);
            expect(part.op === "insert" && next.op === "delete").toBe(false);
          }
        });
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it("is minimal on tokens: the edits keep a longest common subsequence (checked against dynamic programming)", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ta = tokenizeWords(a);
        const tb = tokenizeWords(b);
        const edits = tokenEdits(ta, tb);
        const deleted = edits.reduce((acc, e) => acc + e.end - e.start, 0);
        const inserted = edits.reduce((acc, e) => acc + e.insert.length, 0);
        const lcs = lcsLength(ta, tb);
        expect(deleted).toBe(ta.length - lcs);
        expect(inserted).toBe(tb.length - lcs);
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it("refuses to apply a diff to a text it was not made from", () => {
    expect(() => applyWordDiff("other text", diffWords("some text", "some words"))).toThrow(/does not apply/);
    expect(() => applyWordDiff("some text and more", diffWords("some text", "some words"))).toThrow(/whole text/);
  });
});

describe("suggestRebasedText", () => {
  const base = "Partners share pre-competitive data quarterly, through the secretariat.";

  it("merges edits to different words", () => {
    const proposed = "Partners share pre-competitive data monthly, through the secretariat.";
    const current = "Partners share anonymised pre-competitive data quarterly, through the secretariat.";
    expect(suggestRebasedText(base, proposed, current)).toBe("Partners share anonymised pre-competitive data monthly, through the secretariat.");
  });

  it("gives up (null) when both touched the same words", () => {
    expect(suggestRebasedText(base, base.replace("quarterly", "monthly"), base.replace("quarterly", "yearly"))).toBeNull();
  });

  it("returns the current text when the amendment changed nothing, and the proposal when the clause did not move", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(suggestRebasedText(a, a, b)).toBe(b);
        expect(suggestRebasedText(a, b, a)).toBe(b);
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});

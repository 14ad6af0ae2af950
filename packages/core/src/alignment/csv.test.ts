import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { parseCsv } from "./csv";

function toCsv(rows: string[][], eol: string): string {
  return rows.map((row) => row.map((f) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join(eol);
}

describe("parseCsv", () => {
  it("reads quoted fields holding commas, newlines and doubled quotes", () => {
    const text = 'id,body\n1,"a, b"\n2,"line one\nline two"\r\n3,"say ""hi"""\n';
    expect(parseCsv(text)).toEqual([
      ["id", "body"],
      ["1", "a, b"],
      ["2", "line one\nline two"],
      ["3", 'say "hi"'],
    ]);
  });

  it("ignores a BOM, skips blank lines, keeps empty fields and a trailing empty field", () => {
    expect(parseCsv("\ufeffa,b,\n\n,x,\r\n")).toEqual([
      ["a", "b", ""],
      ["", "x", ""],
    ]);
    expect(parseCsv("a,")).toEqual([["a", ""]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("rejects an unterminated quote and text after a closing quote with validation_failed", () => {
    for (const bad of ['a,"open\n', 'a,"x"y\n']) {
      try {
        parseCsv(bad);
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.code).toBe("validation_failed");
      }
    }
  });

  it("round-trips any table written with RFC 4180 quoting", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é") });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.constantFrom("\n", "\r\n"), (rows, eol) => {
        // A row of one empty field is indistinguishable from a blank line, which is skipped.
        const kept = rows.filter((r) => !(r.length === 1 && r[0] === ""));
        expect(parseCsv(toCsv(rows, eol))).toEqual(kept);
      }),
    );
  });
});

import { AppError } from "../errors";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Calls `onRow` for every record of RFC 4180 CSV text (quoted fields may hold commas,
 * newlines and doubled quotes; CRLF or LF line ends; a leading BOM is ignored; blank lines
 * are skipped). Rows are streamed so a large export never exists as one array of arrays.
 */
export function forEachCsvRow(text: string, onRow: (fields: string[], recordNumber: number) => void): void {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fields: string[] = [];
  let record = 0;
  const emit = (): void => {
    record += 1;
    if (!(fields.length === 1 && fields[0] === "")) onRow(fields, record);
    fields = [];
  };
  while (i < n) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let start = i + 1;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q < 0) throw new AppError("validation_failed", `Malformed CSV: unterminated quoted field in record ${record + 1}`, { record: record + 1 });
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      fields.push(value);
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        j += 1;
      }
      fields.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      if (i >= n) fields.push("");
      continue;
    }
    if (c === CR || c === LF) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      emit();
      continue;
    }
    throw new AppError("validation_failed", `Malformed CSV: unexpected character after a closing quote in record ${record + 1}`, { record: record + 1 });
  }
  if (fields.length > 0) emit();
}

/** Parses RFC 4180 CSV text into rows of string fields (see forEachCsvRow for the dialect). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  forEachCsvRow(text, (fields) => {
    rows.push(fields);
  });
  return rows;
}

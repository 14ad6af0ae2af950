import { AppError } from "../errors";
import { forEachCsvRow } from "./csv";
import { buildVoteMatrix, createVoteMatrix, VoteMatrixBuilder, type Vote, type VoteEvent, type VoteMatrix } from "./vote-matrix";

// Parsers of Pol.is's CSV exports (reference/alignment-map.md, "Test data"): string in,
// data out, no I/O. In these exports 1 means agree.

/** A statement of a Pol.is export (comments.csv). */
export interface PolisComment {
  readonly id: string;
  readonly authorId: string;
  /** 1 accepted, 0 not yet moderated, -1 rejected. */
  readonly moderated: -1 | 0 | 1;
  readonly isMeta: boolean;
  readonly body: string;
  /** Pol.is's own group-aware consensus, when the export has the column. */
  readonly groupInformedConsensus: number | null;
}

/** participants-votes.csv: the latest-vote matrix and Pol.is's own groups. */
export interface PolisParticipantsVotes {
  /** Rows sorted by participant id (numerically when ids are integers). */
  readonly matrix: VoteMatrix;
  /** Pol.is's group-id per participant (matrix order), null when not clustered. */
  readonly groupIds: readonly (string | null)[];
}

/** summary.csv: key,value rows. */
export interface PolisSummary {
  readonly values: Readonly<Record<string, string>>;
  /** Pol.is's number of groups, when present. */
  readonly groups: number | null;
}

function fail(file: string, message: string, record?: number): never {
  throw new AppError("validation_failed", `${file}: ${message}${record !== undefined ? ` (record ${record})` : ""}`, {
    file,
    ...(record !== undefined ? { record } : {}),
  });
}

function readHeader(file: string, header: string[] | null, required: readonly string[]): Map<string, number> {
  if (header === null) fail(file, "empty file, a header row is required");
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name.trim())) index.set(name.trim(), i);
  });
  for (const name of required) if (!index.has(name)) fail(file, `missing column "${name}"`);
  return index;
}

function parseVote(file: string, raw: string, record: number): Vote {
  if (raw === "1") return 1;
  if (raw === "-1") return -1;
  if (raw === "0") return 0;
  const value = Number(raw.trim());
  if (value === 1 || value === -1 || value === 0) return value;
  return fail(file, `a vote must be 1, -1 or 0, got ${JSON.stringify(raw)}`, record);
}

function field(row: string[], index: number | undefined): string {
  return index === undefined ? "" : (row[index] ?? "");
}

/** Orders Pol.is ids: integers numerically (before any non-integer id), others by code unit. */
export function comparePolisIds(a: string, b: string): number {
  const isIntA = /^-?\d+$/.test(a);
  const isIntB = /^-?\d+$/.test(b);
  if (isIntA && isIntB) {
    const d = Number(a) - Number(b);
    if (d !== 0) return d;
  } else if (isIntA !== isIntB) {
    return isIntA ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses comments.csv (comment-id, author-id, moderated, optional is-meta, comment-body, optional group-informed-consensus). */
export function parsePolisComments(text: string): PolisComment[] {
  const file = "comments.csv";
  let header: Map<string, number> | null = null;
  const comments: PolisComment[] = [];
  const seen = new Set<string>();
  forEachCsvRow(text, (row, record) => {
    if (header === null) {
      header = readHeader(file, row, ["comment-id"]);
      return;
    }
    const h: Map<string, number> = header;
    const id = field(row, h.get("comment-id")).trim();
    if (id === "") fail(file, "empty comment-id", record);
    if (seen.has(id)) fail(file, `duplicate comment-id ${JSON.stringify(id)}`, record);
    seen.add(id);
    const moderatedRaw = field(row, h.get("moderated")).trim();
    const moderated = moderatedRaw === "" ? 1 : Number(moderatedRaw);
    if (moderated !== 1 && moderated !== 0 && moderated !== -1) fail(file, `moderated must be 1, 0 or -1, got ${JSON.stringify(moderatedRaw)}`, record);
    const metaRaw = field(row, h.get("is-meta")).trim().toLowerCase();
    if (!["", "true", "false", "1", "0"].includes(metaRaw)) fail(file, `is-meta must be true or false, got ${JSON.stringify(metaRaw)}`, record);
    const gicRaw = field(row, h.get("group-informed-consensus")).trim();
    const gic = gicRaw === "" ? null : Number(gicRaw);
    if (gic !== null && !Number.isFinite(gic)) fail(file, `group-informed-consensus must be a number, got ${JSON.stringify(gicRaw)}`, record);
    comments.push({
      id,
      authorId: field(row, h.get("author-id")).trim(),
      moderated,
      isMeta: metaRaw === "true" || metaRaw === "1",
      body: field(row, h.get("comment-body")),
      groupInformedConsensus: gic,
    });
  });
  if (header === null) fail(file, "empty file, a header row is required");
  return comments;
}

/** Parses votes.csv (timestamp, ..., comment-id, voter-id, vote) into vote events, in file order. */
export function parsePolisVotes(text: string): VoteEvent[] {
  const file = "votes.csv";
  let header: Map<string, number> | null = null;
  const events: VoteEvent[] = [];
  forEachCsvRow(text, (row, record) => {
    if (header === null) {
      header = readHeader(file, row, ["timestamp", "comment-id", "voter-id", "vote"]);
      return;
    }
    const h: Map<string, number> = header;
    const timestampRaw = field(row, h.get("timestamp")).trim();
    const timestamp = Number(timestampRaw);
    if (timestampRaw === "" || !Number.isFinite(timestamp)) fail(file, `timestamp must be a number, got ${JSON.stringify(timestampRaw)}`, record);
    const statementId = field(row, h.get("comment-id")).trim();
    const participantId = field(row, h.get("voter-id")).trim();
    if (statementId === "" || participantId === "") fail(file, "empty comment-id or voter-id", record);
    events.push({ participantId, statementId, timestamp, vote: parseVote(file, field(row, h.get("vote")), record) });
  });
  if (header === null) fail(file, "empty file, a header row is required");
  return events;
}

/**
 * Parses participants-votes.csv: `participant`, optional `xid`, `group-id`, the counts, then
 * one column per statement after `n-disagree` (cells 1, -1, 0 or blank). Builds the matrix
 * straight into typed arrays, one row at a time, so a large export costs memory in
 * proportion to its votes.
 */
export function parsePolisParticipantsVotes(text: string): PolisParticipantsVotes {
  const file = "participants-votes.csv";
  let header: Map<string, number> | null = null;
  let first = 0;
  let statementIds: string[] = [];
  const builder = new VoteMatrixBuilder();
  const groupIds: (string | null)[] = [];
  const seen = new Set<string>();
  forEachCsvRow(text, (row, record) => {
    if (header === null) {
      header = readHeader(file, row, ["participant", "n-disagree"]);
      first = (header.get("n-disagree") as number) + 1;
      statementIds = row.slice(first).map((s) => s.trim());
      if (new Set(statementIds).size !== statementIds.length) fail(file, "duplicate statement column");
      return;
    }
    const h: Map<string, number> = header;
    const id = field(row, h.get("participant")).trim();
    if (id === "") fail(file, "empty participant id", record);
    if (seen.has(id)) fail(file, `duplicate participant ${JSON.stringify(id)}`, record);
    seen.add(id);
    if (row.length > first + statementIds.length) fail(file, `more fields than header columns`, record);
    const group = field(row, h.get("group-id")).trim();
    groupIds.push(group === "" ? null : group);
    builder.startParticipant(id);
    for (let j = first; j < row.length; j += 1) {
      const raw = row[j] as string;
      if (raw.length === 0) continue;
      builder.addVote(j - first, parseVote(file, raw, record));
    }
  });
  if (header === null) fail(file, "empty file, a header row is required");
  const matrix = builder.build(statementIds);
  const order = matrix.participantIds.map((_, i) => i).sort((a, b) => comparePolisIds(matrix.participantIds[a] as string, matrix.participantIds[b] as string));
  if (order.every((p, i) => p === i)) return { matrix, groupIds };
  return { matrix: permuteParticipants(matrix, order), groupIds: order.map((p) => groupIds[p] ?? null) };
}

/** Reorders the rows of a vote matrix: row i of the result is row order[i] of the input. */
export function permuteParticipants(matrix: VoteMatrix, order: readonly number[]): VoteMatrix {
  const nP = matrix.participantIds.length;
  const rowStart = new Int32Array(nP + 1);
  const columns = new Int32Array(matrix.columns.length);
  const votes = new Int8Array(matrix.votes.length);
  let nnz = 0;
  order.forEach((p, i) => {
    const start = matrix.rowStart[p] as number;
    const end = matrix.rowStart[p + 1] as number;
    columns.set(matrix.columns.subarray(start, end), nnz);
    votes.set(matrix.votes.subarray(start, end), nnz);
    nnz += end - start;
    rowStart[i + 1] = nnz;
  });
  return createVoteMatrix({
    participantIds: order.map((p) => matrix.participantIds[p] as string),
    statementIds: matrix.statementIds,
    excluded: matrix.excluded,
    rowStart,
    columns,
    votes,
  });
}

/** Parses summary.csv (key,value rows; values may span lines). */
export function parsePolisSummary(text: string): PolisSummary {
  const values: Record<string, string> = {};
  forEachCsvRow(text, (row) => {
    const key = (row[0] ?? "").trim();
    if (key !== "" && !Object.hasOwn(values, key)) Object.defineProperty(values, key, { value: row[1] ?? "", enumerable: true, writable: true, configurable: true });
  });
  const raw = values.groups;
  const groups = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : null;
  return { values, groups };
}

/** What a Pol.is folder held, parsed. */
export interface PolisExport {
  readonly comments?: readonly PolisComment[];
  readonly votes?: readonly VoteEvent[];
  readonly participantsVotes?: PolisParticipantsVotes;
}

/**
 * The map's vote matrix from a Pol.is export: from votes.csv when present (latest vote per
 * pair), otherwise from participants-votes.csv. Statements are the union of comments.csv and
 * the voted statements, ordered by id; rejected (moderated -1) and meta comments are excluded
 * (their cells read as pass). Participants are ordered by id (Pol.is ids are join order).
 */
export function buildPolisVoteMatrix(data: PolisExport): VoteMatrix {
  const ids = new Set<string>();
  for (const c of data.comments ?? []) ids.add(c.id);
  if (data.votes) for (const v of data.votes) ids.add(v.statementId);
  else if (data.participantsVotes) for (const id of data.participantsVotes.matrix.statementIds) ids.add(id);
  else throw new AppError("validation_failed", "A Pol.is export needs votes.csv or participants-votes.csv");
  const statementIds = [...ids].sort(comparePolisIds);
  const isExcluded = new Map((data.comments ?? []).map((c) => [c.id, c.moderated === -1 || c.isMeta]));
  const statements = statementIds.map((id) => ({ id, excluded: isExcluded.get(id) === true }));
  if (data.votes) {
    const participants = [...new Set(data.votes.map((v) => v.participantId))].sort(comparePolisIds);
    return buildVoteMatrix({ statements, votes: data.votes, participants });
  }
  const source = (data.participantsVotes as PolisParticipantsVotes).matrix;
  const position = new Map(statementIds.map((id, j) => [id, j]));
  const remap = Int32Array.from(source.statementIds, (id) => position.get(id) as number);
  const isIdentity = remap.every((j, i) => j === i) && remap.length === statementIds.length;
  const columns = isIdentity ? source.columns : source.columns.map((c) => remap[c] as number);
  const votes = isIdentity ? source.votes : Int8Array.from(source.votes);
  if (!isIdentity) sortRows(source.rowStart, columns, votes);
  return createVoteMatrix({
    participantIds: source.participantIds,
    statementIds,
    excluded: Uint8Array.from(statements, (s) => (s.excluded ? 1 : 0)),
    rowStart: source.rowStart,
    columns,
    votes,
  });
}

/** Sorts each CSR row by column (in place), for when columns were renumbered. */
function sortRows(rowStart: Int32Array, columns: Int32Array, votes: Int8Array): void {
  for (let i = 0; i + 1 < rowStart.length; i += 1) {
    const start = rowStart[i] as number;
    const end = rowStart[i + 1] as number;
    let isSorted = true;
    for (let e = start + 1; e < end; e += 1) if ((columns[e - 1] as number) > (columns[e] as number)) isSorted = false;
    if (isSorted) continue;
    const entries = Array.from({ length: end - start }, (_, t) => [columns[start + t] as number, votes[start + t] as number] as const).sort((a, b) => a[0] - b[0]);
    entries.forEach(([c, v], t) => {
      columns[start + t] = c;
      votes[start + t] = v;
    });
  }
}

import { AppError } from "../errors";

/** A vote as cast: 1 agree, -1 disagree, 0 pass. */
export type Vote = -1 | 0 | 1;

/** One vote event; the latest event of a participant on a statement counts. */
export interface VoteEvent {
  readonly participantId: string;
  readonly statementId: string;
  readonly vote: Vote;
  /** Milliseconds (or any increasing number); ties are broken by input order, later wins. */
  readonly timestamp: number;
}

/** A statement column of the map; excluded = moderated out (rejected) or meta. */
export interface StatementInput {
  readonly id: string;
  readonly excluded?: boolean;
}

/**
 * The latest-vote matrix, participants x statements, stored by participant (CSR): the votes
 * of participant i are `votes[rowStart[i] .. rowStart[i+1])` on the statements
 * `columns[...]` (ascending). Memory is proportional to the number of votes; missing cells
 * are simply absent. Votes are kept as cast; excluded statements read as pass (0) wherever
 * the map's geometry is computed (see readVote).
 */
export interface VoteMatrix {
  readonly participantIds: readonly string[];
  readonly statementIds: readonly string[];
  /** 1 when the statement is excluded (rejected or meta): its cells read as 0 (pass). */
  readonly excluded: Uint8Array;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly votes: Int8Array;
}

/** Parts of a vote matrix before validation. */
export interface VoteMatrixParts {
  readonly participantIds: readonly string[];
  readonly statementIds: readonly string[];
  readonly excluded?: Uint8Array;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly votes: Int8Array;
}

/** Checks the CSR invariants (ascending distinct columns per row, votes in -1..1, unique ids) and returns the matrix. */
export function createVoteMatrix(parts: VoteMatrixParts): VoteMatrix {
  const nP = parts.participantIds.length;
  const nS = parts.statementIds.length;
  const { rowStart, columns, votes } = parts;
  const excluded = parts.excluded ?? new Uint8Array(nS);
  if (excluded.length !== nS) throw new AppError("validation_failed", "Vote matrix: one excluded flag per statement is required");
  if (rowStart.length !== nP + 1 || rowStart[0] !== 0) throw new AppError("validation_failed", "Vote matrix: rowStart must have one entry per participant plus one, starting at 0");
  const nnz = rowStart[nP] ?? 0;
  if (columns.length < nnz || votes.length < nnz) throw new AppError("validation_failed", "Vote matrix: columns and votes are shorter than rowStart says");
  for (let i = 0; i < nP; i += 1) {
    const start = rowStart[i] ?? 0;
    const end = rowStart[i + 1] ?? 0;
    if (end < start) throw new AppError("validation_failed", "Vote matrix: rowStart must not decrease");
    let previous = -1;
    for (let e = start; e < end; e += 1) {
      const c = columns[e] ?? -1;
      if (c <= previous || c >= nS) throw new AppError("validation_failed", "Vote matrix: columns must be ascending, distinct and in range within each participant");
      const v = votes[e] ?? 2;
      if (v < -1 || v > 1) throw new AppError("validation_failed", "Vote matrix: a vote must be -1, 0 or 1");
      previous = c;
    }
  }
  assertUnique(parts.participantIds, "participant");
  assertUnique(parts.statementIds, "statement");
  return {
    participantIds: parts.participantIds,
    statementIds: parts.statementIds,
    excluded,
    rowStart,
    columns: nnz === columns.length ? columns : columns.slice(0, nnz),
    votes: nnz === votes.length ? votes : votes.slice(0, nnz),
  };
}

function assertUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new AppError("validation_failed", `Vote matrix: duplicate ${what} id ${JSON.stringify(id)}`, { [what]: id });
    seen.add(id);
  }
}

/** Input of buildVoteMatrix: statements (with exclusion), vote events, and optionally the participant order. */
export interface VoteMatrixInput {
  readonly statements: readonly StatementInput[];
  readonly votes: readonly VoteEvent[];
  /** Participant order (it seeds k-means); by default the order of first appearance in `votes`. Voters not listed are appended in that order. */
  readonly participants?: readonly string[];
}

/**
 * Builds the latest-vote matrix from vote events: per (participant, statement) the event
 * with the greatest timestamp counts, ties broken by input order (the later event wins).
 * Votes on statements that are not listed are an error.
 */
export function buildVoteMatrix(input: VoteMatrixInput): VoteMatrix {
  const statementIds = input.statements.map((s) => s.id);
  const statementIndex = new Map<string, number>();
  statementIds.forEach((id, j) => {
    if (statementIndex.has(id)) throw new AppError("validation_failed", `Duplicate statement id ${JSON.stringify(id)}`, { statement: id });
    statementIndex.set(id, j);
  });
  const excluded = new Uint8Array(statementIds.length);
  input.statements.forEach((s, j) => {
    excluded[j] = s.excluded === true ? 1 : 0;
  });

  const participantIds: string[] = [];
  const participantIndex = new Map<string, number>();
  const addParticipant = (id: string): number => {
    let p = participantIndex.get(id);
    if (p === undefined) {
      p = participantIds.length;
      participantIds.push(id);
      participantIndex.set(id, p);
    }
    return p;
  };
  for (const id of input.participants ?? []) {
    if (participantIndex.has(id)) throw new AppError("validation_failed", `Duplicate participant id ${JSON.stringify(id)}`, { participant: id });
    addParticipant(id);
  }

  const n = input.votes.length;
  const eventParticipant = new Int32Array(n);
  const eventStatement = new Int32Array(n);
  const eventTime = new Float64Array(n);
  for (let e = 0; e < n; e += 1) {
    const event = input.votes[e] as VoteEvent;
    const s = statementIndex.get(event.statementId);
    if (s === undefined) throw new AppError("validation_failed", `A vote refers to unknown statement ${JSON.stringify(event.statementId)}`, { statement: event.statementId });
    if (event.vote !== 1 && event.vote !== -1 && event.vote !== 0) throw new AppError("validation_failed", "A vote must be 1 (agree), -1 (disagree) or 0 (pass)");
    if (!Number.isFinite(event.timestamp)) throw new AppError("validation_failed", "A vote's timestamp must be a finite number");
    eventParticipant[e] = addParticipant(event.participantId);
    eventStatement[e] = s;
    eventTime[e] = event.timestamp;
  }

  // Sort event indices by (participant, statement, timestamp, input order); the last of each pair wins.
  const order = new Int32Array(n);
  for (let e = 0; e < n; e += 1) order[e] = e;
  order.sort((a, b) => {
    const dp = (eventParticipant[a] ?? 0) - (eventParticipant[b] ?? 0);
    if (dp !== 0) return dp;
    const ds = (eventStatement[a] ?? 0) - (eventStatement[b] ?? 0);
    if (ds !== 0) return ds;
    const dt = (eventTime[a] ?? 0) - (eventTime[b] ?? 0);
    if (dt !== 0) return dt < 0 ? -1 : 1;
    return a - b;
  });

  const nP = participantIds.length;
  const rowStart = new Int32Array(nP + 1);
  const columns = new Int32Array(n);
  const votes = new Int8Array(n);
  let nnz = 0;
  let row = 0;
  for (let r = 0; r < n; r += 1) {
    const e = order[r] ?? 0;
    const next = r + 1 < n ? (order[r + 1] ?? 0) : -1;
    const p = eventParticipant[e] ?? 0;
    const s = eventStatement[e] ?? 0;
    if (next >= 0 && eventParticipant[next] === p && eventStatement[next] === s) continue;
    while (row < p) {
      row += 1;
      rowStart[row] = nnz;
    }
    columns[nnz] = s;
    votes[nnz] = (input.votes[e] as VoteEvent).vote;
    nnz += 1;
  }
  while (row < nP) {
    row += 1;
    rowStart[row] = nnz;
  }
  return { participantIds, statementIds, excluded, rowStart, columns: columns.slice(0, nnz), votes: votes.slice(0, nnz) };
}

/** Grows typed arrays while rows of a vote matrix are appended one participant at a time. */
export class VoteMatrixBuilder {
  private readonly participantIds: string[] = [];
  private rowStart: Int32Array = new Int32Array(1024);
  private columns: Int32Array = new Int32Array(1024);
  private votes: Int8Array = new Int8Array(1024);
  private nnz = 0;
  private lastColumn = -1;

  /** Starts the row of a new participant. */
  startParticipant(id: string): void {
    const p = this.participantIds.length;
    this.participantIds.push(id);
    if (p + 2 > this.rowStart.length) {
      const grown = new Int32Array(this.rowStart.length * 2);
      grown.set(this.rowStart);
      this.rowStart = grown;
    }
    this.rowStart[p] = this.nnz;
    this.rowStart[p + 1] = this.nnz;
    this.lastColumn = -1;
  }

  /** Adds the current participant's vote on statement column `column` (columns ascending). */
  addVote(column: number, vote: Vote): void {
    if (this.participantIds.length === 0) throw new AppError("validation_failed", "Vote matrix: a vote before any participant");
    if (column <= this.lastColumn) throw new AppError("validation_failed", "Vote matrix: columns must be added in ascending order");
    if (this.nnz === this.columns.length) {
      const columns = new Int32Array(this.columns.length * 2);
      columns.set(this.columns);
      this.columns = columns;
      const votes = new Int8Array(this.votes.length * 2);
      votes.set(this.votes);
      this.votes = votes;
    }
    this.columns[this.nnz] = column;
    this.votes[this.nnz] = vote;
    this.nnz += 1;
    this.lastColumn = column;
    this.rowStart[this.participantIds.length] = this.nnz;
  }

  /** Finishes the matrix over the given statements. */
  build(statementIds: readonly string[], excluded?: Uint8Array): VoteMatrix {
    const nP = this.participantIds.length;
    return createVoteMatrix({
      participantIds: this.participantIds,
      statementIds,
      ...(excluded ? { excluded } : {}),
      rowStart: this.rowStart.slice(0, nP + 1),
      columns: this.columns.slice(0, this.nnz),
      votes: this.votes.slice(0, this.nnz),
    });
  }
}

/** Number of votes (passes included) each participant cast. */
export function countVotesPerParticipant(matrix: VoteMatrix): Int32Array {
  const nP = matrix.participantIds.length;
  const counts = new Int32Array(nP);
  for (let i = 0; i < nP; i += 1) counts[i] = (matrix.rowStart[i + 1] ?? 0) - (matrix.rowStart[i] ?? 0);
  return counts;
}

/** The vote at CSR position `e` as the map's geometry reads it: excluded statements read as 0 (pass). */
export function readVote(matrix: VoteMatrix, e: number): number {
  return matrix.excluded[matrix.columns[e] ?? 0] === 1 ? 0 : (matrix.votes[e] ?? 0);
}

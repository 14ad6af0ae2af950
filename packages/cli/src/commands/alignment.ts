// `trellis alignment analyze --polis <dir>`: the alignment map of a Pol.is export folder,
// computed without any database (reference/alignment-map.md).
// `trellis alignment import-polis <dir> --alliance <alliance>`: the same export imported into an
// alliance's alignment map (participants become pseudonyms), with its results computed.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { AppError, isAppError } from "@trellis/core";
// Type-only: `analyze` never loads the server; `import-polis` loads it when it runs.
import type { ServerContext } from "@trellis/server";
import type { StoredAlignmentResult } from "@trellis/server/use-cases/alignment/recompute-alignment-map";
import {
  analyzeVoteMatrix,
  analyzeWithGroups,
  buildPolisVoteMatrix,
  parsePolisComments,
  parsePolisParticipantsVotes,
  parsePolisSummary,
  parsePolisVotes,
  replayVoteHistory,
  type AlignmentResult,
  type HistoryReplay,
  type PolisComment,
  type PolisParticipantsVotes,
  type PolisSummary,
  type VoteEvent,
  type VoteMatrix,
} from "@trellis/core/alignment/index";

/** A Pol.is export folder, read and parsed. */
export interface PolisFolder {
  readonly dir: string;
  /** Which file the votes came from. */
  readonly source: "votes.csv" | "participants-votes.csv";
  readonly comments: readonly PolisComment[] | null;
  readonly votes: readonly VoteEvent[] | null;
  /** Parsed when present (it also holds Pol.is's own groups). */
  readonly participantsVotes: PolisParticipantsVotes | null;
  readonly summary: PolisSummary | null;
  readonly matrix: VoteMatrix;
  /** Milliseconds spent reading and parsing. */
  readonly parseMs: number;
}

/** Options of readPolisFolder. */
export interface ReadPolisFolderOptions {
  /** Parse participants-votes.csv even when votes.csv is used (for Pol.is's group-id). Default true. */
  readonly withParticipantsVotes?: boolean;
}

function readOptional(dir: string, file: string): string | null {
  const full = path.join(dir, file);
  return existsSync(full) ? readFileSync(full, "utf8") : null;
}

function parseFile<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isAppError(error)) {
      const message = error.message.startsWith(file) ? error.message : `${file}: ${error.message}`;
      throw new AppError(error.code, message, error.details);
    }
    throw error;
  }
}

/**
 * Reads a Pol.is export folder: votes.csv (or participants-votes.csv when it is absent),
 * optional comments.csv (moderation and meta flags) and summary.csv.
 */
export function readPolisFolder(dir: string, options: ReadPolisFolderOptions = {}): PolisFolder {
  const started = performance.now();
  if (!existsSync(dir)) throw new AppError("bad_request", `Folder not found: ${dir}`);
  if (!statSync(dir).isDirectory()) throw new AppError("bad_request", `Not a folder: ${dir}`);
  const commentsText = readOptional(dir, "comments.csv");
  const votesText = readOptional(dir, "votes.csv");
  const withPv = options.withParticipantsVotes ?? true;
  const pvText = votesText === null || withPv ? readOptional(dir, "participants-votes.csv") : null;
  if (votesText === null && pvText === null) throw new AppError("bad_request", `${dir} holds neither votes.csv nor participants-votes.csv`);
  const summaryText = readOptional(dir, "summary.csv");
  const comments = commentsText === null ? null : parseFile("comments.csv", () => parsePolisComments(commentsText));
  const votes = votesText === null ? null : parseFile("votes.csv", () => parsePolisVotes(votesText));
  const participantsVotes = pvText === null ? null : parseFile("participants-votes.csv", () => parsePolisParticipantsVotes(pvText));
  const summary = summaryText === null ? null : parseFile("summary.csv", () => parsePolisSummary(summaryText));
  const matrix = buildPolisVoteMatrix({
    ...(comments ? { comments } : {}),
    ...(votes ? { votes } : participantsVotes ? { participantsVotes } : {}),
  });
  return {
    dir,
    source: votes ? "votes.csv" : "participants-votes.csv",
    comments,
    votes,
    participantsVotes,
    summary,
    matrix,
    parseMs: performance.now() - started,
  };
}

/** The JSON printed by `alignment analyze --json`. */
export function toAlignmentJson(result: AlignmentResult, folder: PolisFolder): Record<string, unknown> {
  return {
    source: { dir: folder.dir, votes: folder.source, participants: folder.matrix.participantIds.length, statements: folder.matrix.statementIds.length },
    k: result.k,
    participants: result.participants.map((p) => ({ id: p.id, group: p.group, x: p.x, y: p.y, votes: p.votes })),
    groups: result.groups.map((g) => ({
      id: g.id,
      members: g.members,
      representative: g.representative.map((r) => ({
        id: r.id,
        direction: r.direction,
        repness: r.repness,
        test: r.test,
        probability: r.probability,
        probabilityTest: r.probabilityTest,
        agrees: r.agrees,
        disagrees: r.disagrees,
        votes: r.votes,
      })),
    })),
    consensus: result.consensus,
    gac: result.gac,
    uncertain: result.uncertain,
    divisive: result.divisive,
    silhouettes: result.silhouettes,
  };
}

function clip(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

/** A short human summary of an alignment map. */
export function formatAlignmentSummary(result: AlignmentResult, folder: PolisFolder): string {
  const body = new Map((folder.comments ?? []).map((c) => [c.id, c.body]));
  const label = (id: string): string => (body.has(id) ? `#${id} ${JSON.stringify(clip(body.get(id) ?? "", 70))}` : `#${id}`);
  const excluded = folder.matrix.excluded.reduce((a, b) => a + b, 0);
  const clustered = result.participants.filter((p) => p.group !== null).length;
  const polisGroups = folder.summary?.groups;
  const lines = [
    `Alignment map of ${folder.dir} (from ${folder.source})`,
    `${result.participants.length} participants (${clustered} clustered), ${folder.matrix.statementIds.length} statements (${excluded} excluded)`,
    `${result.k} opinion group${result.k === 1 ? "" : "s"}${polisGroups != null ? ` (Pol.is export: ${polisGroups})` : ""}`,
  ];
  for (const g of result.groups) {
    lines.push(`  Group ${g.id}: ${g.members.length} participants`);
    for (const r of g.representative) lines.push(`    ${r.direction === "agree" ? "agrees   " : "disagrees"} ${label(r.id)}`);
  }
  lines.push(`Consensus: ${result.consensus.agree.length} shared agreements, ${result.consensus.disagree.length} shared disagreements`);
  for (const c of result.consensus.agree) lines.push(`  agree    ${label(c.id)}`);
  for (const c of result.consensus.disagree) lines.push(`  disagree ${label(c.id)}`);
  lines.push(`Divisive: ${result.divisive.length}`);
  for (const d of result.divisive.slice(0, 5)) lines.push(`  spread ${d.spread.toFixed(2)} ${label(d.id)}`);
  lines.push(`Uncertain (passes > 30%): ${result.uncertain.length} statement${result.uncertain.length === 1 ? "" : "s"}`);
  return `${lines.join("\n")}\n`;
}

/** Where the command writes. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Options of `alignment analyze`. */
export interface AlignmentAnalyzeOptions {
  readonly polis: string;
  readonly json?: boolean | undefined;
  /** Replay votes.csv in time order (warm starts, smoothed k) instead of computing from scratch. */
  readonly replay?: boolean | undefined;
  /** With replay: the update window in milliseconds (0: one update per distinct timestamp). */
  readonly window?: string | number | undefined;
}

/**
 * The map of a Pol.is folder computed the way an incremental engine reaches it: votes.csv
 * replayed in time order (core's replayVoteHistory); the replay's groups then give the whole map.
 */
export function analyzeReplayed(folder: PolisFolder, windowLength: number): { result: AlignmentResult; replay: HistoryReplay } {
  if (folder.votes === null) throw new AppError("bad_request", "--replay needs votes.csv (the vote events with their times); this folder only has participants-votes.csv");
  const { matrix } = folder;
  const statements = matrix.statementIds.map((id, j) => ({ id, excluded: matrix.excluded[j] === 1 }));
  // From votes.csv the matrix lists participants in Pol.is's order already (comparePolisIds).
  const replay = replayVoteHistory({ statements, votes: folder.votes, participants: matrix.participantIds }, { windowLength });
  const groupOfId = new Map(replay.matrix.participantIds.map((id, i) => [id, replay.groupOf[i] as number]));
  const groups = Int32Array.from(matrix.participantIds, (id) => groupOfId.get(id) ?? -1);
  const result = analyzeWithGroups(matrix, groups);
  return { result: { ...result, k: replay.k, silhouettes: replay.silhouettes }, replay };
}

function parseWindow(value: string | number | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new AppError("bad_request", `--window must be a number of milliseconds >= 0, not ${JSON.stringify(String(value))}`);
  return n;
}

/** Runs `alignment analyze`; returns the exit code (0 ok, 1 error) instead of exiting. */
export function runAlignmentAnalyze(options: AlignmentAnalyzeOptions, io: CommandIo): number {
  try {
    if (options.window !== undefined && !options.replay) throw new AppError("bad_request", "--window only applies with --replay");
    const windowLength = parseWindow(options.window);
    const folder = readPolisFolder(path.resolve(options.polis), { withParticipantsVotes: false });
    if (!options.replay) {
      const result = analyzeVoteMatrix(folder.matrix);
      io.stdout(options.json ? `${JSON.stringify(toAlignmentJson(result, folder), null, 2)}\n` : formatAlignmentSummary(result, folder));
      return 0;
    }
    const { result, replay } = analyzeReplayed(folder, windowLength);
    const about = { updates: replay.updates, windowMs: windowLength, kChanges: replay.kChanges };
    io.stdout(
      options.json
        ? `${JSON.stringify({ ...toAlignmentJson(result, folder), replay: about }, null, 2)}\n`
        : `${formatAlignmentSummary(result, folder)}Replayed votes.csv in time order: ${replay.updates} updates (${windowLength > 0 ? `windows of ${windowLength} ms` : "one per distinct time"}), warm starts, k smoothed over 4 updates; k changed ${replay.kChanges} times.\n`,
    );
    return 0;
  } catch (error) {
    const message = isAppError(error) || error instanceof Error ? error.message : String(error);
    io.stderr(`trellis alignment analyze: ${message}\n`);
    return 1;
  }
}

/** Options of `alignment import-polis`. */
export interface AlignmentImportOptions {
  /** The Pol.is export folder. */
  readonly dir: string;
  /** Alliance id or slug. */
  readonly alliance: string;
  /** The map's question; default: the export's topic (summary.csv). */
  readonly question?: string | undefined;
  readonly json?: boolean | undefined;
}

async function resolveAllianceRef(ctx: ServerContext, ref: string): Promise<{ id: string; slug: string }> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const row = await ctx.db
    .selectFrom("alliances")
    .select(["id", "slug"])
    .where((eb) => (isUuid ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No alliance ${ref} (give its id or slug; \`trellis verify\` lists them).`);
  return row;
}

/**
 * Runs `alignment import-polis` on an open context: reads the folder (votes.csv, or
 * participants-votes.csv when it is absent; comments.csv for texts and moderation), imports it
 * into a new map of the alliance in one transaction, then computes the map. Returns the exit
 * code (0 ok, 1 error); nothing is written when the folder cannot be read.
 */
export async function runAlignmentImport(ctx: ServerContext, options: AlignmentImportOptions, io: CommandIo): Promise<number> {
  try {
    const folder = readPolisFolder(path.resolve(options.dir), { withParticipantsVotes: false });
    const alliance = await resolveAllianceRef(ctx, options.alliance);
    const { importPolisMap } = await import("@trellis/server/use-cases/alignment/import-polis-map");
    const { recomputeAlignmentMap } = await import("@trellis/server/use-cases/alignment/recompute-alignment-map");
    const summary = folder.summary?.values ?? {};
    const question = (options.question ?? summary.topic ?? "").trim() || `Pol.is conversation ${path.basename(folder.dir)}`;
    const about = (summary["conversation-description"] ?? "").trim();
    const source = `Imported from the Pol.is export ${path.basename(folder.dir)}${summary.url ? ` (${summary.url})` : ""}; data gathered with Polis, The Computational Democracy Project.`;
    const imported = await importPolisMap(ctx, alliance.id, {
      question: question.slice(0, 300),
      description: `${about ? `${about}\n\n` : ""}${source}`.slice(0, 2000),
      matrix: folder.matrix,
      comments: folder.comments,
      votes: folder.votes,
    });
    const computed = await recomputeAlignmentMap(ctx, imported.mapId);
    const stored = await ctx.db.selectFrom("alignment_results").select(["k", "result"]).where("map_id", "=", imported.mapId).executeTakeFirstOrThrow();
    const result = stored.result as StoredAlignmentResult;
    const groups = result.groups.map((g) => g.size);
    const excluded = folder.matrix.excluded.reduce((a, b) => a + b, 0);
    const polisGroups = folder.summary?.groups ?? null;
    if (options.json) {
      io.stdout(`${JSON.stringify({ allianceId: alliance.id, ...imported, source: folder.source, excluded, k: stored.k, groups, polisGroups, revision: computed.revision }, null, 2)}\n`);
    } else {
      io.stdout(
        [
          `Imported ${folder.dir} (from ${folder.source}) into the alliance ${alliance.slug}: map ${imported.mapId}`,
          `  "${question}"`,
          `  ${imported.statements} statements (${excluded} rejected or meta), ${imported.participants} pseudonymous participants, ${imported.votes} votes`,
          `  ${stored.k} opinion group${stored.k === 1 ? "" : "s"} (${groups.join(", ")})${polisGroups !== null ? `; Pol.is export: ${polisGroups}` : ""}`,
          "",
        ].join("\n"),
      );
    }
    return 0;
  } catch (error) {
    const message = isAppError(error) || error instanceof Error ? error.message : String(error);
    io.stderr(`trellis alignment import-polis: ${message}\n`);
    return 1;
  }
}

/** Adds `alignment analyze --polis <dir> [--json]` and `alignment import-polis <dir> --alliance <a>` to the trellis command. */
export function registerAlignmentCommands(program: Command): Command {
  const alignment = program.command("alignment").description("Alignment map: opinion groups, consensus and divisive statements");
  alignment
    .command("analyze")
    .description("Analyse a Pol.is export folder (votes.csv, or participants-votes.csv) without any database")
    .requiredOption("--polis <dir>", "folder of a Pol.is export (comments.csv, votes.csv or participants-votes.csv, summary.csv)")
    .option("--json", "print the full map as JSON")
    .option("--replay", "replay votes.csv in time order with warm starts and k smoothed over 4 updates, as an incremental engine such as Pol.is computes it (for comparison; Trellis computes from scratch)")
    .option("--window <ms>", "with --replay: group the votes into updates of this many milliseconds (default 0: one update per distinct time)")
    .action((options: AlignmentAnalyzeOptions) => {
      const code = runAlignmentAnalyze(options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
      if (code !== 0) process.exitCode = code;
    });
  alignment
    .command("import-polis")
    .description("Import a Pol.is export folder into a new alignment map of an alliance (participants become pseudonyms) and compute it")
    .argument("<dir>", "folder of a Pol.is export (comments.csv, votes.csv or participants-votes.csv, summary.csv)")
    .requiredOption("--alliance <alliance>", "alliance id or slug")
    .option("--question <text>", "the map's question (default: the export's topic)")
    .option("--json", "print what was imported as JSON")
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)")
    .action(async (dir: string, options: { alliance: string; question?: string; json?: boolean; databaseUrl?: string; dataDir?: string }) => {
      const { openContext, readConfig } = await import("@trellis/server");
      const ctx = await openContext(readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir }), () => {});
      try {
        const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
        const code = await runAlignmentImport(ctx, { dir, alliance: options.alliance, question: options.question, json: options.json }, io);
        if (code !== 0) process.exitCode = code;
      } finally {
        ctx.mailer.close();
        await ctx.database.close();
      }
    });
  return program;
}

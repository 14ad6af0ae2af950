// `trellis alignment import-polis` on a real Pol.is conversation (CC BY 4.0, The Computational
// Democracy Project; see /work/shared/data/polis/ATTRIBUTION.md): the imported map must give the
// same groups as `trellis alignment analyze` of the same folder, on both databases.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeVoteMatrix } from "@trellis/core/alignment/index";
import { createScratchPostgres, testDatabaseKinds } from "@trellis/db/testing";
import { createAlliance, openContext, readConfig, signUp, type ServerContext } from "@trellis/server";
import type { StoredAlignmentResult } from "@trellis/server/use-cases/alignment/recompute-alignment-map";
import { readPolisFolder, runAlignmentAnalyze, runAlignmentImport } from "./commands/alignment";
import { main } from "./main";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const conversation = path.resolve(repoRoot, "../shared/data/polis/bg2050-volunteers");
const hasData = existsSync(conversation);
if (!hasData) {
  const reason = `the shared Pol.is data is not at ${conversation}`;
  if (process.env.CI) throw new Error(`CI requires the Pol.is data: ${reason}`);
  console.warn(`Skipping the import-polis tests: ${reason}`);
}
const kinds = hasData ? await testDatabaseKinds() : [];

/** Captures what a command writes. */
function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

/** A folder holding the conversation without votes.csv, so participants-votes.csv is read instead. */
function participantsVotesOnly(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "trellis-polis-pv-"));
  for (const file of ["comments.csv", "participants-votes.csv", "summary.csv"]) copyFileSync(path.join(conversation, file), path.join(dir, file));
  return dir;
}

describe.skipIf(!hasData).each(kinds)("trellis alignment import-polis on %s", (kind) => {
  let ctx: ServerContext;
  let cleanup: () => Promise<void>;
  const scratchDirs: string[] = [];

  beforeAll(async () => {
    if (kind === "postgres") {
      const scratch = await createScratchPostgres();
      ctx = await openContext(readConfig({ databaseUrl: scratch.url }, {}), () => {}, () => new Date("2026-10-01T09:00:00Z"));
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "trellis-import-"));
      ctx = await openContext(readConfig({ dataDir: dir, databaseUrl: null }, {}), () => {}, () => new Date("2026-10-01T09:00:00Z"));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
      scratchDirs.push(dir);
    }
    const person = await signUp(ctx, { email: "mara@example.org", password: "correct horse battery", displayName: "Mara" }, { bypassSignupMode: true });
    await createAlliance(ctx, person.id, { name: "Bowling Green Volunteers" });
  });
  afterAll(async () => {
    ctx?.mailer.close();
    await ctx?.database.close();
    await cleanup?.();
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The stored map's group per Pol.is participant id, with the map's k. */
  async function storedGroups(mapId: string) {
    const row = await ctx.db.selectFrom("alignment_results").select(["k", "result"]).where("map_id", "=", mapId).executeTakeFirstOrThrow();
    const result = row.result as StoredAlignmentResult;
    const pseudonyms = new Map((await ctx.db.selectFrom("alignment_participants").select(["id", "pseudonym"]).where("map_id", "=", mapId).execute()).map((p) => [p.id, p.pseudonym]));
    return { k: row.k, result, groupOf: new Map(result.participants.map((p) => [pseudonyms.get(p.id) as string, { group: p.group, x: p.x, y: p.y }])) };
  }

  /** Asserts the imported map equals `analyze` of the folder: same k, same group for every voter, same positions. */
  function expectSameAsAnalyze(dir: string, stored: Awaited<ReturnType<typeof storedGroups>>) {
    const analysis = analyzeVoteMatrix(readPolisFolder(dir, { withParticipantsVotes: false }).matrix);
    expect(stored.k).toBe(analysis.k);
    const voters = analysis.participants.filter((p) => p.votes > 0);
    expect(stored.groupOf.size).toBe(voters.length);
    for (const p of voters) {
      const mine = stored.groupOf.get(p.id);
      expect(mine?.group, `participant ${p.id}`).toBe(p.group);
      expect(mine?.x).toBeCloseTo(p.x, 9);
      expect(mine?.y).toBeCloseTo(p.y, 9);
    }
    expect(stored.result.groups.map((g) => g.size)).toEqual(analysis.groups.map((g) => g.members.length));
    expect(stored.result.consensus.agree.length).toBe(analysis.consensus.agree.length);
  }

  it("imports bg2050-volunteers from votes.csv: statements with moderation, pseudonymous participants, latest votes, and the same groups as analyze", async () => {
    const { io, out, err } = captureIo();
    expect(await runAlignmentImport(ctx, { dir: conversation, alliance: "bowling-green-volunteers", json: true }, io), err.join("")).toBe(0);
    const summary = JSON.parse(out.join("")) as { mapId: string; statements: number; participants: number; votes: number; excluded: number; k: number; polisGroups: number; source: string };
    expect(summary).toMatchObject({ source: "votes.csv", statements: 371, participants: 126, excluded: 56, k: 2, polisGroups: 2 });
    const map = await ctx.db.selectFrom("alignment_maps").selectAll().where("id", "=", summary.mapId).executeTakeFirstOrThrow();
    expect(map).toMatchObject({ source: "polis", status: "open", created_by: null });
    expect(map.description).toContain("Computational Democracy Project");
    const moderation = await ctx.db.selectFrom("alignment_statements").select(["moderation", (eb) => eb.fn.countAll<number>().as("n")]).where("map_id", "=", summary.mapId).groupBy("moderation").execute();
    expect(Object.fromEntries(moderation.map((m) => [m.moderation, Number(m.n)]))).toMatchObject({ rejected: 55, meta: 1 });
    const participants = await ctx.db.selectFrom("alignment_participants").select(["person_id", "pseudonym"]).where("map_id", "=", summary.mapId).execute();
    expect(participants.every((p) => p.person_id === null && p.pseudonym !== null)).toBe(true);
    const votes = await ctx.db.selectFrom("alignment_votes").select((eb) => eb.fn.countAll<number>().as("n")).where("map_id", "=", summary.mapId).executeTakeFirstOrThrow();
    expect(Number(votes.n)).toBe(summary.votes);
    expectSameAsAnalyze(conversation, await storedGroups(summary.mapId));
    // One event tells the import; the computed map announced itself.
    const events = await ctx.db.selectFrom("events").select(["type", "payload"]).where("type", "like", "alignment.%").execute();
    expect(events.map((e) => e.type).sort()).toEqual(["alignment.imported", "alignment.recomputed"]);
    // analyze still works on the same folder.
    expect(runAlignmentAnalyze({ polis: conversation, json: true }, captureIo().io)).toBe(0);
  });

  it("falls back to participants-votes.csv when votes.csv is absent", async () => {
    const dir = participantsVotesOnly();
    scratchDirs.push(dir);
    const { io, out, err } = captureIo();
    expect(await runAlignmentImport(ctx, { dir, alliance: "bowling-green-volunteers", question: "How should Bowling Green grow?", json: true }, io), err.join("")).toBe(0);
    const summary = JSON.parse(out.join("")) as { mapId: string; source: string; k: number };
    expect(summary.source).toBe("participants-votes.csv");
    const map = await ctx.db.selectFrom("alignment_maps").select("question").where("id", "=", summary.mapId).executeTakeFirstOrThrow();
    expect(map.question).toBe("How should Bowling Green grow?");
    expectSameAsAnalyze(dir, await storedGroups(summary.mapId));
  });

  it("refuses bad input with a message and writes nothing", async () => {
    const count = async () => Number((await ctx.db.selectFrom("alignment_maps").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const broken = mkdtempSync(path.join(tmpdir(), "trellis-polis-bad-"));
    scratchDirs.push(broken);
    writeFileSync(path.join(broken, "votes.csv"), "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n2,x,1,0,maybe\n");
    const empty = path.join(broken, "empty");
    mkdirSync(empty);
    const cases: [Parameters<typeof runAlignmentImport>[1], RegExp][] = [
      [{ dir: path.join(broken, "missing"), alliance: "bowling-green-volunteers" }, /Folder not found/],
      [{ dir: empty, alliance: "bowling-green-volunteers" }, /neither votes.csv nor participants-votes.csv/],
      [{ dir: broken, alliance: "bowling-green-volunteers" }, /votes.csv: a vote must be 1, -1 or 0, got "maybe" \(record 3\)/],
      [{ dir: conversation, alliance: "no-such-alliance" }, /No alliance no-such-alliance/],
    ];
    for (const [options, message] of cases) {
      const { io, err } = captureIo();
      expect(await runAlignmentImport(ctx, options, io)).toBe(1);
      expect(err.join("")).toMatch(message);
    }
    expect(await count()).toBe(before);
  });
});

describe.skipIf(!hasData)("trellis alignment import-polis through the command line", () => {
  it("opens the database from --data-dir, imports and reports", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "trellis-import-cli-"));
    try {
      const ctx = await openContext(readConfig({ dataDir: dir, databaseUrl: null }, {}), () => {});
      const person = await signUp(ctx, { email: "mara@example.org", password: "correct horse battery", displayName: "Mara" }, { bypassSignupMode: true });
      await createAlliance(ctx, person.id, { name: "Volunteers" });
      ctx.mailer.close();
      await ctx.database.close();
      const written: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      const folder = participantsVotesOnly();
      const databaseUrl = process.env.DATABASE_URL;
      delete process.env.DATABASE_URL;
      let code: number;
      try {
        code = await main(["alignment", "import-polis", folder, "--alliance", "volunteers", "--data-dir", dir]);
      } finally {
        process.stdout.write = write;
        if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
        rmSync(folder, { recursive: true, force: true });
      }
      expect(code).toBe(0);
      expect(process.exitCode ?? 0).toBe(0);
      expect(written.join("")).toMatch(/into the alliance volunteers: map [0-9a-f-]{36}[\s\S]*2 opinion groups \(\d+, \d+\); Pol\.is export: 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

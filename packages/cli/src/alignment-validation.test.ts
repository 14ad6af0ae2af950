// Validation of the alignment map against real Pol.is conversations (CC BY 4.0, The
// Computational Democracy Project; see /work/shared/data/polis/ATTRIBUTION.md and
// docs/alignment-validation.md, where the figures are reported).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, analyzeVoteMatrix, analyzeWithGroups, buildPolisVoteMatrix, type AlignmentResult, type VoteEvent } from "@trellis/core/alignment/index";
import { analyzeReplayed, readPolisFolder, runAlignmentAnalyze, type PolisFolder } from "./commands/alignment";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dataDir = path.resolve(repoRoot, "../shared/data/polis");
const hasData = existsSync(dataDir);
const conversations = ["15-per-hour-seattle", "bg2050-volunteers", "brexit-consensus", "scoop-hivemind.biodiversity", "vtaiwan.uberx"] as const;
type Conversation = (typeof conversations)[number];

/** Conversations where the adjusted Rand index must reach 0.9 (the cleanest recent ones). */
const ariTargets: readonly Conversation[] = ["bg2050-volunteers", "scoop-hivemind.biodiversity", "vtaiwan.uberx"];

/**
 * Known, documented deviations that the reference's from-scratch rules cannot reproduce
 * (docs/alignment-validation.md). Each is asserted as an expected failure (`it.fails`), so the
 * assertion itself is never weakened and a change that fixes it is noticed.
 */
const knownDeviations: Partial<Record<Conversation, { readonly clustered?: string }>> = {
  "brexit-consensus": {
    clustered: "six participants (23, 118, 130, 165, 191, 201) with 3-6 votes are clustered by Pol.is's 2017 run; no rule of the reference explains them",
  },
};

interface Figures {
  readonly folder: PolisFolder;
  readonly result: AlignmentResult;
  readonly polisGroups: number | null;
  /** Pol.is's group per participant id (clustered only). */
  readonly polisGroupOf: Map<string, string>;
  readonly onlyTrellis: string[];
  readonly onlyPolis: string[];
  readonly ari: number;
}

const cache = new Map<Conversation, Figures>();

/** Adjusted Rand index against Pol.is's groups, on the participants both sides clustered. */
function ariAgainstPolis(participants: readonly { id: string; group: number | null }[], polisGroupOf: Map<string, string>): number {
  const both = participants.filter((p) => p.group !== null && polisGroupOf.has(p.id));
  return adjustedRandIndex(
    both.map((p) => p.group as number),
    both.map((p) => polisGroupOf.get(p.id) as string),
  );
}

function figures(name: Conversation): Figures {
  const cached = cache.get(name);
  if (cached) return cached;
  const folder = readPolisFolder(path.join(dataDir, name));
  const result = analyzeVoteMatrix(folder.matrix);
  const pv = folder.participantsVotes;
  if (pv === null) throw new Error(`${name}: participants-votes.csv is needed for the ground truth`);
  const polisGroupOf = new Map<string, string>();
  pv.matrix.participantIds.forEach((id, i) => {
    const g = pv.groupIds[i];
    if (g != null) polisGroupOf.set(id, g);
  });
  const trellisGroupOf = new Map(result.participants.filter((p) => p.group !== null).map((p) => [p.id, p.group as number]));
  const f: Figures = {
    folder,
    result,
    polisGroups: folder.summary?.groups ?? null,
    polisGroupOf,
    onlyTrellis: [...trellisGroupOf.keys()].filter((id) => !polisGroupOf.has(id)),
    onlyPolis: [...polisGroupOf.keys()].filter((id) => !trellisGroupOf.has(id)),
    ari: ariAgainstPolis(result.participants, polisGroupOf),
  };
  cache.set(name, f);
  return f;
}

/**
 * Participants Pol.is's history-dependent rules can leave clustered although today's rule would
 * not: Pol.is keeps a participant in the conversation once they were in, and tops the set up to
 * 15 with the most active voters while few qualify. Replaying the votes in time order and
 * applying the rule (threshold min(7, statements seen so far), top-up to 15) after every vote
 * gives everyone who was ever clustered; those not clustered now are explained.
 */
function explainedByHistory(votes: readonly VoteEvent[]): Set<string> {
  const order = votes.map((v, i) => ({ v, i })).sort((a, b) => a.v.timestamp - b.v.timestamp || a.i - b.i);
  const counts = new Map<string, number>();
  const seenPairs = new Set<string>();
  const statements = new Set<string>();
  const ever = new Set<string>();
  let isSettled = false;
  for (const { v } of order) {
    statements.add(v.statementId);
    const pair = `${v.participantId}\u0000${v.statementId}`;
    if (!seenPairs.has(pair)) {
      seenPairs.add(pair);
      counts.set(v.participantId, (counts.get(v.participantId) ?? 0) + 1);
    }
    // Once 15 qualify at the final threshold of 7, counts only grow: no more top-ups.
    if (isSettled) continue;
    const threshold = Math.min(7, statements.size);
    const qualified = [...counts].filter(([, n]) => n >= threshold).map(([id]) => id);
    for (const id of qualified) ever.add(id);
    if (qualified.length >= 15) {
      isSettled = threshold === 7;
      continue;
    }
    const rest = [...counts].filter(([, n]) => n < threshold).sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]));
    for (const [id] of rest.slice(0, 15 - qualified.length)) ever.add(id);
  }
  const threshold = Math.min(7, statements.size);
  return new Set([...ever].filter((id) => (counts.get(id) ?? 0) < threshold));
}

if (!hasData) {
  if (process.env.CI) {
    describe("alignment validation on Pol.is data", () => {
      it("needs the data folder", () => {
        throw new Error(`Pol.is data not found at ${dataDir} (required when CI is set)`);
      });
    });
  } else {
    console.log(`alignment validation skipped: Pol.is data not found at ${dataDir}`);
    describe.skip(`alignment validation on Pol.is data (skipped: no data at ${dataDir})`, () => {
      it("needs the data folder", () => undefined);
    });
  }
} else {
  describe.each(conversations)("alignment map on Pol.is %s", (name) => {
    const deviation = knownDeviations[name];

    it("reads the same matrix from votes.csv and from participants-votes.csv", () => {
      const { folder } = figures(name);
      const pv = folder.participantsVotes;
      expect(pv).not.toBeNull();
      const fromPv = buildPolisVoteMatrix({ ...(folder.comments ? { comments: folder.comments } : {}), ...(pv ? { participantsVotes: pv } : {}) });
      const fromVotes = folder.matrix;
      expect(fromPv.participantIds).toEqual(fromVotes.participantIds);
      expect(fromPv.statementIds).toEqual(fromVotes.statementIds);
      expect(Array.from(fromPv.rowStart)).toEqual(Array.from(fromVotes.rowStart));
      expect(Array.from(fromPv.columns)).toEqual(Array.from(fromVotes.columns));
      expect(Array.from(fromPv.votes)).toEqual(Array.from(fromVotes.votes));
    });

    (deviation?.clustered ? it.fails : it)(
      `clusters the participants Pol.is clustered, except those its history explains${deviation?.clustered ? ` (known deviation: ${deviation.clustered})` : ""}`,
      () => {
        const f = figures(name);
        const explained = explainedByHistory(f.folder.votes ?? []);
        console.log(`${name}: clustered ${f.result.participants.filter((p) => p.group !== null).length} vs Pol.is ${f.polisGroupOf.size}; only Pol.is [${f.onlyPolis.join(", ")}], only Trellis [${f.onlyTrellis.join(", ")}]; explained by history [${f.onlyPolis.filter((id) => explained.has(id)).join(", ")}]`);
        expect(f.onlyTrellis).toEqual([]);
        expect(f.onlyPolis.filter((id) => !explained.has(id))).toEqual([]);
      },
    );

    // Pol.is's own k depends on the order in which votes arrived (reference: warm starts, k smoothed
    // over 4 updates). Where the from-scratch k differs, replaying votes.csv in time order the way
    // Pol.is updates (core's replayVoteHistory, one update per distinct time) must give Pol.is's k
    // and groups that agree with Pol.is's (adjusted Rand index >= 0.9).
    it("finds as many groups as Pol.is: from scratch, or by replaying the votes in time order where Pol.is's history decides", { timeout: 180_000 }, () => {
      const f = figures(name);
      console.log(`${name}: k ${f.result.k} vs Pol.is ${String(f.polisGroups)}; ARI ${f.ari.toFixed(4)}; silhouettes ${f.result.silhouettes.map((s) => `${s.k}:${s.silhouette.toFixed(3)}`).join(" ")}`);
      if (f.result.k === f.polisGroups) return;
      const { result, replay } = analyzeReplayed(f.folder, 0);
      const ari = ariAgainstPolis(result.participants, f.polisGroupOf);
      console.log(`${name}: replayed in time order (${replay.updates} updates, k changed ${replay.kChanges} times): k ${result.k}; ARI ${ari.toFixed(4)}`);
      expect(result.k).toBe(f.polisGroups);
      expect(ari).toBeGreaterThanOrEqual(0.9);
    });

    if (ariTargets.includes(name)) {
      it("agrees with Pol.is's groups: adjusted Rand index >= 0.9", () => {
        expect(figures(name).ari).toBeGreaterThanOrEqual(0.9);
      });
    }
  });

  describe("group-aware consensus given Pol.is's own groups", () => {
    it("equals bg2050-volunteers' group-informed-consensus column to 1e-9", () => {
      const { folder } = figures("bg2050-volunteers");
      const pv = folder.participantsVotes;
      if (pv === null || folder.comments === null) throw new Error("bg2050-volunteers: participants-votes.csv and comments.csv are needed");
      const groupOf = new Map(pv.matrix.participantIds.map((id, i) => [id, pv.groupIds[i] ?? null]));
      const groups = folder.matrix.participantIds.map((id) => {
        const g = groupOf.get(id) ?? null;
        return g === null ? null : Number(g);
      });
      const result = analyzeWithGroups(folder.matrix, groups);
      expect(result.k).toBe(2);
      const compared = folder.comments.filter((c) => c.groupInformedConsensus !== null);
      expect(compared.length).toBe(folder.comments.length);
      let worst = 0;
      for (const c of compared) {
        const gac = result.gac[c.id];
        expect(gac).toBeDefined();
        worst = Math.max(worst, Math.abs((gac as number) - (c.groupInformedConsensus as number)));
      }
      console.log(`bg2050-volunteers: GAC over ${compared.length} statements, largest difference ${worst}`);
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  });

  describe("trellis alignment analyze", () => {
    it("prints the map as JSON", () => {
      let out = "";
      const code = runAlignmentAnalyze({ polis: path.join(dataDir, "bg2050-volunteers"), json: true }, { stdout: (t) => (out += t), stderr: () => undefined });
      expect(code).toBe(0);
      const json = JSON.parse(out) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(expect.arrayContaining(["k", "participants", "groups", "consensus", "gac", "uncertain", "divisive"]));
      expect(json.k).toBe(2);
      const groups = json.groups as { members: string[]; representative: { id: string; direction: string; repness: number; test: number }[] }[];
      expect(groups[0]?.representative[0]).toEqual(expect.objectContaining({ id: expect.any(String), direction: expect.any(String), repness: expect.any(Number), test: expect.any(Number) }));
      const participants = json.participants as { id: string; group: number | null; x: number; y: number }[];
      expect(participants).toHaveLength(126);
      expect(participants[0]).toEqual(expect.objectContaining({ id: "0", x: expect.any(Number), y: expect.any(Number) }));
    });

    it("prints a short human summary without --json", () => {
      let out = "";
      expect(runAlignmentAnalyze({ polis: path.join(dataDir, "brexit-consensus") }, { stdout: (t) => (out += t), stderr: () => undefined })).toBe(0);
      expect(out).toMatch(/opinion groups \(Pol\.is export: 2\)/);
    });

    it("replays votes.csv in time order with --replay, and explains a misplaced --window", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "trellis-alignment-"));
      try {
        const rows = ["timestamp,comment-id,voter-id,vote"];
        for (let p = 0; p < 30; p += 1) for (let c = 0; c < 8; c += 1) rows.push(`${1000 * (8 * p + c)},${c},${p},${(c < 4) === (p % 2 === 0) ? 1 : -1}`);
        writeFileSync(path.join(dir, "votes.csv"), `${rows.join("\n")}\n`);
        let out = "";
        let err = "";
        const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
        expect(runAlignmentAnalyze({ polis: dir, json: true, replay: true, window: "4000" }, io)).toBe(0);
        const json = JSON.parse(out) as { k: number; replay: { updates: number; windowMs: number }; participants: { group: number | null }[] };
        expect(json.k).toBe(2);
        expect(json.replay).toEqual(expect.objectContaining({ updates: 60, windowMs: 4000 }));
        expect(json.participants.every((p) => p.group !== null)).toBe(true);
        out = "";
        expect(runAlignmentAnalyze({ polis: dir, replay: true }, io)).toBe(0);
        expect(out).toMatch(/Replayed votes\.csv in time order: 240 updates/);
        expect(runAlignmentAnalyze({ polis: dir, window: "10" }, io)).toBe(1);
        expect(err).toMatch(/--window only applies with --replay/);
        err = "";
        expect(runAlignmentAnalyze({ polis: dir, replay: true, window: "-3" }, io)).toBe(1);
        expect(err).toMatch(/--window must be a number of milliseconds >= 0/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("reports a missing folder or a malformed CSV on stderr with a non-zero exit", () => {
      let err = "";
      const io = { stdout: () => undefined, stderr: (t: string) => (err += t) };
      expect(runAlignmentAnalyze({ polis: path.join(tmpdir(), "trellis-no-such-folder"), json: true }, io)).toBe(1);
      expect(err).toMatch(/Folder not found/);
      const dir = mkdtempSync(path.join(tmpdir(), "trellis-alignment-"));
      try {
        err = "";
        expect(runAlignmentAnalyze({ polis: dir, json: true }, io)).toBe(1);
        expect(err).toMatch(/neither votes.csv nor participants-votes.csv/);
        writeFileSync(path.join(dir, "votes.csv"), 'timestamp,comment-id,voter-id,vote\n1,2,"3\n');
        err = "";
        expect(runAlignmentAnalyze({ polis: dir, json: true }, io)).toBe(1);
        expect(err).toMatch(/votes\.csv: Malformed CSV: unterminated quoted field/);
        writeFileSync(path.join(dir, "votes.csv"), "timestamp,comment-id,voter-id,vote\n1,2,3,maybe\n");
        err = "";
        expect(runAlignmentAnalyze({ polis: dir, json: true }, io)).toBe(1);
        expect(err).toMatch(/votes\.csv: a vote must be 1, -1 or 0/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

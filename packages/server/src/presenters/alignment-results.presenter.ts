import { z } from "zod";
import type { StoredAlignmentResult } from "../use-cases/alignment/recompute-alignment-map";
import { alignmentStatementRefSchema } from "./alignment.presenter";

/**
 * The privacy rule of the alignment map (the same for every role, facilitators included):
 * - nobody sees another person's votes, point or group: points are anonymous, unordered (sorted
 *   by position on the map, never by who joined when) and carry no vote counts; the viewer's own
 *   point is marked;
 * - statements never name their authors;
 * - groups and seats are shown only as aggregates: no map is drawn before minVoters people voted,
 *   a seat appears in the per-seat view only with at least minSeatVoters voters, and two seats'
 *   tallies on a statement are compared only where each has at least two votes on it.
 */
export const minVoters = 5;
export const minSeatVoters = 2;

const tallySchema = z.object({ agrees: z.number().int(), disagrees: z.number().int(), passes: z.number().int(), votes: z.number().int() });

export const alignmentResultsSchema = z.object({
  mapId: z.string(),
  status: z.enum(["collecting", "computing", "ready"]),
  isStale: z.boolean(),
  revision: z.number().int(),
  computedRevision: z.number().int().nullable(),
  computedAt: z.string().nullable(),
  voters: z.number().int(),
  votes: z.number().int(),
  minVoters: z.number().int(),
  k: z.number().int(),
  points: z.array(z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable(), isMe: z.boolean() })),
  me: z.object({ group: z.number().int().nullable(), x: z.number(), y: z.number() }).nullable(),
  groups: z.array(
    z.object({
      id: z.number().int(),
      label: z.string(),
      size: z.number().int(),
      representative: z.array(
        alignmentStatementRefSchema.extend(tallySchema.shape).extend({ direction: z.enum(["agree", "disagree"]), probability: z.number(), repness: z.number() }),
      ),
    }),
  ),
  consensus: z.object({
    agree: z.array(alignmentStatementRefSchema.extend(tallySchema.shape).extend({ probability: z.number() })),
    disagree: z.array(alignmentStatementRefSchema.extend(tallySchema.shape).extend({ probability: z.number() })),
  }),
  bridging: z.array(alignmentStatementRefSchema.extend(tallySchema.shape).extend({ gac: z.number(), groupAgreement: z.array(z.number()) })),
  uncertain: z.array(alignmentStatementRefSchema.extend({ passes: z.number().int(), votes: z.number().int(), passRatio: z.number() })),
  divisive: z.array(
    alignmentStatementRefSchema.extend({ spread: z.number(), gac: z.number(), groupAgreement: z.array(z.number()), mostAgreeingGroup: z.number().int(), leastAgreeingGroup: z.number().int() }),
  ),
  seats: z.array(z.object({ seatId: z.string(), name: z.string(), voters: z.number().int(), groupCounts: z.array(z.number().int()), unclustered: z.number().int(), isSplit: z.boolean() })),
  seatPairs: z.array(
    z.object({
      seats: z.array(z.object({ id: z.string(), name: z.string() })),
      inDifferentGroups: z.boolean(),
      sharedStatements: z.number().int(),
      meanAbsoluteDifference: z.number(),
      statements: z.array(alignmentStatementRefSchema.extend({ difference: z.number(), first: tallySchema.extend({ mean: z.number() }), second: tallySchema.extend({ mean: z.number() }) })),
    }),
  ),
  statements: z.array(
    alignmentStatementRefSchema.extend(tallySchema.shape).extend({ moderation: z.string(), gac: z.number(), groups: z.array(tallySchema) }),
  ),
});

export type AlignmentResults = z.infer<typeof alignmentResultsSchema>;

/** What the results presenter reads. */
export interface AlignmentResultsInput {
  map: { id: string; revision: number };
  /** Voters right now (the map may have moved on since the stored result). */
  voters: number;
  stored: { revision: number; voteCount: number; computedAt: Date; result: StoredAlignmentResult } | null;
  statements: ReadonlyMap<string, { number: number; body: string; moderation: string }>;
  seatNames: ReadonlyMap<string, string>;
  /** The viewer's participant id in the map, if any. */
  me: string | null;
}

/** The group's letter: A, B, C... */
export function groupLabel(id: number): string {
  return id < 26 ? String.fromCharCode(65 + id) : `G${id + 1}`;
}

const withPasses = (t: { agrees: number; disagrees: number; votes: number }) => ({ agrees: t.agrees, disagrees: t.disagrees, passes: t.votes - t.agrees - t.disagrees, votes: t.votes });

/** The map for a viewer, under the privacy rule above. */
export function presentAlignmentResults(input: AlignmentResultsInput): AlignmentResults {
  const { stored, map } = input;
  const empty: AlignmentResults = {
    mapId: map.id,
    status: input.voters < minVoters ? "collecting" : "computing",
    isStale: stored === null || stored.revision < map.revision,
    revision: map.revision,
    computedRevision: stored?.revision ?? null,
    computedAt: stored?.computedAt.toISOString() ?? null,
    voters: input.voters,
    votes: stored?.voteCount ?? 0,
    minVoters,
    k: 0,
    points: [],
    me: null,
    groups: [],
    consensus: { agree: [], disagree: [] },
    bridging: [],
    uncertain: [],
    divisive: [],
    seats: [],
    seatPairs: [],
    statements: [],
  };
  if (stored === null || stored.result.participants.length < minVoters) return empty;
  const result = stored.result;
  const ref = (id: string) => {
    const s = input.statements.get(id);
    return { id, number: s?.number ?? 0, body: s?.body ?? "" };
  };
  const isShown = (id: string) => {
    const s = input.statements.get(id);
    return s !== undefined && s.moderation !== "rejected";
  };
  const tally = (id: string) => withPasses(result.tallies[id] ?? { agrees: 0, disagrees: 0, votes: 0 });
  const groupAgreement = (id: string) => (result.tallies[id]?.groups ?? []).map((g) => (1 + g.agrees) / (2 + g.votes));
  const mine = input.me === null ? undefined : result.participants.find((p) => p.id === input.me);

  const points = result.participants
    .map((p) => ({ x: p.x, y: p.y, group: p.group, isMe: p.id === input.me }))
    .sort((a, b) => (a.group ?? -1) - (b.group ?? -1) || a.x - b.x || a.y - b.y);

  const shownStatements = Object.keys(result.tallies).filter(isShown);
  const bridging = shownStatements
    .filter((id) => input.statements.get(id)?.moderation !== "meta" && (result.tallies[id]?.votes ?? 0) > 0)
    .sort((a, b) => (result.gac[b] ?? 0) - (result.gac[a] ?? 0) || ref(a).number - ref(b).number)
    .slice(0, 5)
    .map((id) => ({ ...ref(id), ...tally(id), gac: result.gac[id] ?? 0, groupAgreement: groupAgreement(id) }));

  const seatDivergence = result.seatDivergence;
  const shownSeats = (seatDivergence?.seats ?? []).filter((s) => s.participants >= minSeatVoters);
  const shownSeatIds = new Set(shownSeats.map((s) => s.seatId));
  const seatName = (id: string) => input.seatNames.get(id) ?? "A former seat";

  return {
    ...empty,
    status: "ready",
    votes: stored.voteCount,
    k: result.k,
    points,
    me: mine ? { group: mine.group, x: mine.x, y: mine.y } : null,
    groups: result.groups.map((g) => ({
      id: g.id,
      label: groupLabel(g.id),
      size: g.size,
      representative: g.representative.map((r) => ({
        ...ref(r.id),
        ...withPasses(r),
        direction: r.direction,
        probability: r.probability,
        repness: r.repness,
      })),
    })),
    consensus: {
      agree: result.consensus.agree.map((c) => ({ ...ref(c.id), ...withPasses(c), probability: c.probability })),
      disagree: result.consensus.disagree.map((c) => ({ ...ref(c.id), ...withPasses(c), probability: c.probability })),
    },
    bridging,
    uncertain: result.uncertain.map((u) => ({ ...ref(u.id), passes: u.passes, votes: u.votes, passRatio: u.passRatio })),
    divisive: result.divisive.map((d) => ({
      ...ref(d.id),
      spread: d.spread,
      gac: d.gac,
      groupAgreement: [...d.groupAgreeProbabilities],
      mostAgreeingGroup: d.mostAgreeingGroup,
      leastAgreeingGroup: d.leastAgreeingGroup,
    })),
    seats: shownSeats.map((s) => ({ seatId: s.seatId, name: seatName(s.seatId), voters: s.participants, groupCounts: [...s.groupCounts], unclustered: s.unclustered, isSplit: s.isSplit })),
    seatPairs: (seatDivergence?.pairs ?? [])
      .filter((p) => shownSeatIds.has(p.seats[0]) && shownSeatIds.has(p.seats[1]))
      .map((p) => ({
        seats: p.seats.map((id) => ({ id, name: seatName(id) })),
        inDifferentGroups: p.inDifferentGroups,
        sharedStatements: p.sharedStatements,
        meanAbsoluteDifference: p.meanAbsoluteDifference,
        statements: p.statements.map((s) => ({ ...ref(s.id), difference: s.difference, first: { ...withPasses(s.first), mean: s.first.mean }, second: { ...withPasses(s.second), mean: s.second.mean } })),
      })),
    statements: shownStatements
      .map((id) => ({
        ...ref(id),
        ...tally(id),
        moderation: input.statements.get(id)?.moderation ?? "accepted",
        gac: result.gac[id] ?? 0,
        groups: (result.tallies[id]?.groups ?? []).map(withPasses),
      }))
      .sort((a, b) => a.number - b.number),
  };
}

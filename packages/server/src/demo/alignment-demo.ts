import { createRandom, type AllianceViewer } from "@trellis/core";
import type { ServerContext } from "../context";
import { signUp } from "../use-cases/accounts/sign-up";
import { addAlignmentStatement } from "../use-cases/alignment/add-alignment-statement";
import { castAlignmentVote, type AlignmentVoteName } from "../use-cases/alignment/cast-alignment-vote";
import { moderateAlignmentStatement, type ModerationOutcome } from "../use-cases/alignment/moderate-alignment-statement";
import { openAlignmentMap } from "../use-cases/alignment/open-alignment-map";
import { recomputeAlignmentMap } from "../use-cases/alignment/recompute-alignment-map";
import { addMember } from "../use-cases/alliances/manage-seats";
import { loadViewer } from "../use-cases/load-viewer";
import { demoPassword, type DemoAlliance, type DemoStep } from "./seed-demo";

/** The demo map's question: the coalition's purpose, checked before the charter is renewed. */
export const demoAlignmentQuestion = "How should the coalition pursue its purpose: every package in the Rivermouth region recyclable, and actually recycled, by 2030?";

/** Outlooks the demo's people vote from (a seat's people mostly share one). */
type Outlook = "industry" | "advocacy" | "research";

/** One statement with the chance that each outlook agrees / disagrees with it (the rest pass). */
interface DemoStatement {
  body: string;
  /** Written by a participant (by seat key and person index) and moderated, or seeded by the facilitator. */
  author?: { seat: string; person: number; moderation: ModerationOutcome };
  lean: Record<Outlook, [agree: number, disagree: number]>;
}

const statements: DemoStatement[] = [
  { body: "Shared design standards for recyclable packaging help every member.", lean: { industry: [0.9, 0.05], advocacy: [0.9, 0.05], research: [0.95, 0] } },
  { body: "Pilot results should be shared openly with the whole region.", lean: { industry: [0.7, 0.15], advocacy: [0.95, 0], research: [0.9, 0.05] } },
  { body: "Each member should publish its packaging volumes by brand every year.", lean: { industry: [0.05, 0.9], advocacy: [0.95, 0.05], research: [0.55, 0.25] } },
  { body: "A regional levy on non-recyclable packaging is fair.", lean: { industry: [0.15, 0.75], advocacy: [0.85, 0.1], research: [0.5, 0.3] } },
  { body: "The 2030 target should be binding on every member.", lean: { industry: [0.25, 0.6], advocacy: [0.9, 0.05], research: [0.6, 0.2] } },
  { body: "Voluntary commitments are enough as long as progress is reported.", lean: { industry: [0.85, 0.1], advocacy: [0.1, 0.85], research: [0.35, 0.4] } },
  { body: "Recycling is mainly the consumer's responsibility, not the producers'.", lean: { industry: [0.1, 0.75], advocacy: [0.02, 0.95], research: [0.05, 0.9] } },
  { body: "Chemical recycling should count towards our 2030 target.", lean: { industry: [0.4, 0.1], advocacy: [0.15, 0.4], research: [0.2, 0.2] } },
  { body: "Deposit-return schemes should cover cans and bottles by 2027.", lean: { industry: [0.35, 0.45], advocacy: [0.9, 0.05], research: [0.7, 0.1] } },
  { body: "Sensitive cost data should only be shared through a clean team.", lean: { industry: [0.9, 0.05], advocacy: [0.4, 0.3], research: [0.7, 0.1] } },
  { body: "The coalition should report its progress to the public every year.", author: { seat: "ocean", person: 0, moderation: "accepted" }, lean: { industry: [0.5, 0.3], advocacy: [0.95, 0], research: [0.85, 0.05] } },
  { body: "Small retailers need support before any levy applies.", author: { seat: "northwind", person: 0, moderation: "accepted" }, lean: { industry: [0.9, 0.05], advocacy: [0.65, 0.15], research: [0.8, 0.05] } },
  { body: "Independent researchers should audit the recycling rates we report.", author: { seat: "imr", person: 0, moderation: "accepted" }, lean: { industry: [0.5, 0.25], advocacy: [0.9, 0.05], research: [0.95, 0] } },
  { body: "Recycled-content targets should rise step by step, not all at once.", author: { seat: "polymer", person: 0, moderation: "accepted" }, lean: { industry: [0.9, 0.05], advocacy: [0.25, 0.6], research: [0.6, 0.2] } },
  { body: "Northwind's multilayer pouches are the real problem here.", author: { seat: "greenfield", person: 1, moderation: "rejected" }, lean: { industry: [0, 0], advocacy: [0, 0], research: [0, 0] } },
  { body: "We should run a map like this before every big decision.", author: { seat: "rivermouth", person: 0, moderation: "meta" }, lean: { industry: [0.7, 0.05], advocacy: [0.8, 0.05], research: [0.8, 0.05] } },
];

/** More people per seat, so every seat has four voices on the map (and per-seat aggregates). */
const extraPeople: Record<string, [name: string, email: string][]> = {
  northwind: [["Mikael Strand", "mikael@northwind.example"], ["Sofia Brandt", "sofia@northwind.example"]],
  greenfield: [["Omar Haddad", "omar@greenfield.example"], ["Julia Novak", "julia@greenfield.example"]],
  polymer: [["Anders Holm", "anders@polymerworks.example"], ["Rita Kovacs", "rita@polymerworks.example"], ["Felix Wagner", "felix@polymerworks.example"]],
  ocean: [["Nadia Petrova", "nadia@oceanguardians.example"], ["Kofi Mensah", "kofi@oceanguardians.example"], ["Clara Jensen", "clara@oceanguardians.example"]],
  imr: [["Ravi Iyer", "ravi@imr.example"], ["Elena Rossi", "elena@imr.example"]],
  rivermouth: [["Grace Lin", "grace@rivermouth.example"], ["Peter Walsh", "peter@rivermouth.example"], ["Ayesha Khan", "ayesha@rivermouth.example"]],
};

const outlookOfSeat: Record<string, Outlook> = { northwind: "industry", greenfield: "industry", polymer: "industry", ocean: "advocacy", rivermouth: "advocacy", imr: "research" };
/** People whose outlook differs from their seat's: Greenfield's Tom leans to the advocates, so Greenfield's people split. */
const outlookOfPerson: Record<string, Outlook> = { "tom@greenfield.example": "advocacy", "ravi@imr.example": "industry" };

async function viewerOf(ctx: ServerContext, allianceId: string, personId: string): Promise<AllianceViewer> {
  return loadViewer(ctx.db, allianceId, { id: personId, email: "", displayName: "", isAdmin: false, timeZone: "UTC" });
}

const day = (d: number, hour = 10, minute = 0) => `2026-09-${String(d).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`;

/**
 * The demo's alignment map on the coalition's purpose (September 2026): the facilitator seeds
 * ten statements, partners add six (four accepted, one rejected for naming a competitor, one
 * meta), and 24 people from the six seats vote from three outlooks with a seeded generator.
 * The map shows two or three opinion groups, shared ground (design standards), an uncertain
 * statement (chemical recycling) and divisive ones: publishing volumes by brand splits the
 * brands' seats from Ocean Guardians and Rivermouth.
 */
export const alignmentDemoStep: DemoStep = async (ctx: ServerContext, demo: DemoAlliance) => {
  const random = createRandom(20260907);
  const facilitatorViewer = await viewerOf(ctx, demo.allianceId, demo.facilitatorId);
  const voters: { id: string; email: string; seat: string }[] = [];
  for (const seat of demo.seats) {
    for (const person of seat.people) voters.push({ id: person.id, email: person.email, seat: seat.key });
    for (const [name, email] of extraPeople[seat.key] ?? []) {
      const existing = await ctx.db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirst();
      const id = existing?.id ?? (await signUp(ctx, { email, password: demoPassword, displayName: name }, { bypassSignupMode: true })).id;
      const member = await ctx.db.selectFrom("memberships").select("id").where("alliance_id", "=", demo.allianceId).where("person_id", "=", id).where("seat_id", "=", seat.seatId).executeTakeFirst();
      if (!member) await addMember(demo.at("2026-08-31T09:00:00Z"), facilitatorViewer, demo.allianceId, { personId: id, role: "member", seatId: seat.seatId });
      voters.push({ id, email, seat: seat.key });
    }
  }

  const seeded = statements.filter((s) => !s.author).map((s) => s.body);
  const { id: mapId } = await openAlignmentMap(demo.at(day(7, 9)), facilitatorViewer, demo.allianceId, {
    question: demoAlignmentQuestion,
    description: "Before the charter renewal: where do we stand on how to reach the purpose? Add statements; vote on one at a time.",
    statements: seeded,
  });

  const ids = new Map<string, string>();
  const listed = await ctx.db.selectFrom("alignment_statements").select(["id", "body"]).where("map_id", "=", mapId).execute();
  for (const s of listed) ids.set(s.body, s.id);
  let minute = 0;
  for (const statement of statements.filter((s) => s.author)) {
    const author = statement.author!;
    const person = demo.seats.find((s) => s.key === author.seat)?.people[author.person];
    if (!person) continue;
    const added = await addAlignmentStatement(demo.at(day(8, 11, (minute += 7))), await viewerOf(ctx, demo.allianceId, person.id), demo.allianceId, mapId, { body: statement.body });
    ids.set(statement.body, added.id);
    await moderateAlignmentStatement(demo.at(day(9, 9, minute)), facilitatorViewer, demo.allianceId, mapId, added.id, { moderation: author.moderation, version: 1 });
  }

  const votable = statements.filter((s) => s.author?.moderation !== "rejected");
  for (const [index, voter] of voters.entries()) {
    const outlook = outlookOfPerson[voter.email] ?? outlookOfSeat[voter.seat] ?? "research";
    const viewer = await viewerOf(ctx, demo.allianceId, voter.id);
    const date = 10 + (index % 11);
    // Most people answer everything; a few skip up to three statements (each still casts at least 12).
    const skips = random() < 0.25 ? 1 + Math.floor(random() * 3) : 0;
    const order = votable.map((s) => ({ s, key: random() })).sort((a, b) => a.key - b.key).slice(skips);
    for (const [n, { s }] of order.entries()) {
      const [agree, disagree] = s.lean[outlook];
      const r = random();
      const vote: AlignmentVoteName = r < agree ? "agree" : r < agree + disagree ? "disagree" : "pass";
      await castAlignmentVote(demo.at(day(date, 12, n * 2)), viewer, demo.allianceId, mapId, { statementId: ids.get(s.body)!, vote });
    }
  }
  // Two people change their minds after the first results: the latest vote counts.
  const levy = ids.get(statements[3]!.body)!;
  for (const [email, vote] of [["tom@greenfield.example", "agree"], ["elena@imr.example", "agree"]] as const) {
    const voter = voters.find((v) => v.email === email);
    if (voter) await castAlignmentVote(demo.at(day(22, 16)), await viewerOf(ctx, demo.allianceId, voter.id), demo.allianceId, mapId, { statementId: levy, vote });
  }
  await recomputeAlignmentMap(demo.at(day(22, 16, 5)), mapId);
};

import type { AllianceViewer } from "@trellis/core";
import { createRandom, randomInt } from "@trellis/core";
import { findPulseItem, pulseScales, type PulseQuestion } from "@trellis/core/pulses";
import { sql } from "kysely";
import type { ServerContext } from "../context";
import { signUp } from "../use-cases/accounts/sign-up";
import { addMember } from "../use-cases/alliances/manage-seats";
import { loadViewer } from "../use-cases/load-viewer";
import { answerPulse, questionsFor } from "../use-cases/pulses/answer-pulse";
import { runPulseCycle } from "../use-cases/pulses/close-pulse";
import { setPulseCadence } from "../use-cases/pulses/pulse-settings";
import { closeBreakdown, openBreakdownDiscussion } from "../use-cases/registers/move-breakdown";
import { commentOnRecord, linkRecord } from "../use-cases/registers/discuss-record";
import { moveTension } from "../use-cases/registers/move-tension";
import { nameBreakdown } from "../use-cases/registers/name-breakdown";
import { raiseTension } from "../use-cases/registers/raise-tension";
import { publishAnonymousTensions } from "../use-cases/registers/publish-anonymous-tensions";
import { recordAssumption } from "../use-cases/registers/record-assumption";
import { recordLearning } from "../use-cases/registers/record-learning";
import { testAssumption } from "../use-cases/registers/update-assumption";
import { demoPassword, type DemoAlliance } from "./seed-demo";

type SeatKey = "northwind" | "greenfield" | "polymer" | "ocean" | "imr" | "rivermouth";

/** People who join in June so the pulses can show the two brands' seats on their own (k = 5) and the small seats pooled. */
const pulsePeople: Record<SeatKey, [name: string, email: string][]> = {
  northwind: [
    ["Henrik Dahl", "henrik@northwind.example"],
    ["Maja Lund", "maja@northwind.example"],
    ["Oskar Wirth", "oskar@northwind.example"],
    ["Ines Vogel", "ines@northwind.example"],
  ],
  greenfield: [
    ["Carmen Ruiz", "carmen@greenfield.example"],
    ["Daniel Okoye", "daniel@greenfield.example"],
    ["Leila Farah", "leila@greenfield.example"],
  ],
  polymer: [["Tove Berg", "tove@polymerworks.example"]],
  ocean: [],
  imr: [],
  rivermouth: [],
};

/** Who rates whom: the two competing brands trust each other least; everyone trusts the NGO most. */
function directionalValue(from: SeatKey, to: SeatKey, pulse: number): number {
  if (from === "northwind" && to === "greenfield") return 3 + (pulse === 2 ? 1 : 0);
  if (from === "greenfield" && to === "northwind") return 4;
  if (to === "ocean") return 6;
  if (to === "polymer") return 5 - (from === "rivermouth" ? 1 : 0);
  return 5;
}

/** Candor improves over the three pulses; authorship is rated lower by the small seats. */
function baseValue(itemId: string, seat: SeatKey, pulse: number): number {
  const item = findPulseItem(itemId);
  const small = seat !== "northwind" && seat !== "greenfield";
  let value: number;
  if (item.scale === "effectiveness5") value = 3 + (pulse === 2 ? 1 : 0);
  else if (item.dynamic === "candor") value = 3 + pulse + (small ? 0 : 1);
  else if (item.dynamic === "authorship") value = small ? 3 : 5;
  else value = 5;
  // Reversed items are answered from the other end of the scale.
  const scale = pulseScales[item.scale];
  return item.reversed ? scale.min + scale.max - value : value;
}

/**
 * The language and presence of the demo coalition, June to November 2026: breakdowns named,
 * discussed and closed (one reframed, one closed by a commitment, one still open); a named tension
 * reframed, a named one still raised, and an anonymous one (published the day after, in dialogue);
 * assumptions untested, holding and invalidated; learnings; and three pulses on a nine-week cadence
 * answered by 17 or more people, so results show overall and for the two brands' seats, while each
 * small seat stays hidden below k = 5.
 */
export async function languageDemoStep(ctx: ServerContext, demo: DemoAlliance): Promise<void> {
  const { allianceId } = demo;
  const seat = (key: SeatKey) => demo.seats.find((s) => s.key === key)!;
  const personId = (key: SeatKey, index = 0) => seat(key).people[index]!.id;
  const viewerOf = (id: string): Promise<AllianceViewer> => loadViewer(ctx.db, allianceId, { id, email: "", displayName: "", isAdmin: false, timeZone: "UTC" });
  const facilitator = () => viewerOf(demo.facilitatorId);
  const versionOf = async (table: "breakdowns" | "tensions" | "assumptions", id: string) =>
    (await ctx.db.selectFrom(table).select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

  // ---- people for the pulses ----
  for (const [key, people] of Object.entries(pulsePeople) as [SeatKey, [string, string][]][]) {
    for (const [name, email] of people) {
      const existing = await ctx.db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirst();
      const id = existing?.id ?? (await signUp(ctx, { email, password: demoPassword, displayName: name }, { bypassSignupMode: true })).id;
      await ctx.db.insertInto("organization_people").values({ organization_id: seat(key).organizationId, person_id: id, title: "" }).onConflict((oc) => oc.doNothing()).execute();
      const member = await ctx.db.selectFrom("memberships").select("id").where("alliance_id", "=", allianceId).where("person_id", "=", id).executeTakeFirst();
      if (!member) await addMember(demo.at("2026-06-19T09:00:00Z"), await facilitator(), allianceId, { personId: id, role: "member", seatId: seat(key).seatId });
    }
  }

  // ---- breakdowns ----
  const lateResults = await nameBreakdown(demo.at("2026-07-02T08:40:00Z"), await viewerOf(personId("polymer")), allianceId, {
    whatHappened: "The recyclability test results for the new PET trays arrived three weeks late.",
    whatWasExpected: "Results before the July steering meeting, so the label could be decided there.",
    impact: "The labelling decision slipped to September and the print run had to be moved.",
    seatIds: [seat("polymer").seatId, seat("imr").seatId],
  });
  await commentOnRecord(demo.at("2026-07-03T10:15:00Z"), await viewerOf(personId("imr")), allianceId, lateResults.id, {
    body: "We never agreed a date with the lab: the samples joined the normal queue.",
  });
  await commentOnRecord(demo.at("2026-07-06T09:30:00Z"), await viewerOf(personId("polymer")), allianceId, lateResults.id, {
    body: "Fair. We assumed 'urgent' meant the same thing to both of us.",
  });
  await closeBreakdown(demo.at("2026-07-20T14:00:00Z"), await facilitator(), allianceId, lateResults.id, {
    version: await versionOf("breakdowns", lateResults.id),
    kind: "reinterpretation",
    reinterpretation: "Nothing was late against an agreed date: no date was agreed. Test requests now carry a date both sides accept.",
  });

  const pressRelease = await nameBreakdown(demo.at("2026-08-25T16:05:00Z"), await viewerOf(personId("rivermouth")), allianceId, {
    whatHappened: "Greenfield's press release announced the deposit pilot before the partners had agreed to it.",
    whatWasExpected: "A joint announcement once every seat had consented to the pilot design.",
    impact: "The city's council members learned about the pilot from the newspaper.",
    seatIds: [seat("greenfield").seatId, seat("rivermouth").seatId],
  });
  await openBreakdownDiscussion(demo.at("2026-08-26T09:00:00Z"), await facilitator(), allianceId, pressRelease.id, { version: 1 });
  await commentOnRecord(demo.at("2026-08-26T11:20:00Z"), await viewerOf(personId("greenfield")), allianceId, pressRelease.id, {
    body: "Our communications team read the meeting notes as a decision. We should have checked.",
  });
  // Closed by a commitment, when the commitments part of the demo made one on the pilot.
  const commitment = await findAllianceRecord(ctx, "commitments", allianceId, "%deposit%");
  if (commitment) {
    await closeBreakdown(demo.at("2026-09-02T10:00:00Z"), await viewerOf(personId("greenfield")), allianceId, pressRelease.id, {
      version: await versionOf("breakdowns", pressRelease.id),
      kind: "action",
      action: { type: "commitment", id: commitment },
      note: "Announcements about shared work now wait for the commitment to be accepted.",
    });
  }

  const formats = await nameBreakdown(demo.at("2026-10-14T13:45:00Z"), await viewerOf(personId("ocean")), allianceId, {
    whatHappened: "Collection data from the Harbour district pilot came in three different formats.",
    whatWasExpected: "One shared template for every partner's counts.",
    impact: "A week of cleaning before the October analysis could start.",
    seatIds: [seat("ocean").seatId, seat("rivermouth").seatId, seat("imr").seatId],
  });
  await commentOnRecord(demo.at("2026-10-15T08:30:00Z"), await viewerOf(personId("imr", 1)), allianceId, formats.id, {
    body: "We can publish a template, but who decides the categories?",
  });

  // ---- tensions ----
  const deadlines = await raiseTension(demo.at("2026-08-10T07:50:00Z"), await viewerOf(personId("imr")), allianceId, {
    summary: "Research partners are asked for analyses at a week's notice.",
    detail: "Three requests in July came with five working days or less.",
    target: { kind: "alliance" },
    anonymous: false,
  });
  await moveTension(demo.at("2026-08-18T09:00:00Z"), await facilitator(), allianceId, deadlines.tension.id, { version: 1, move: "start_dialogue" });
  await moveTension(demo.at("2026-09-01T10:30:00Z"), await facilitator(), allianceId, deadlines.tension.id, {
    version: 2,
    move: "reframe",
    reframing: "It is about planning, not goodwill: analysis requests now go into the quarterly plan.",
  });

  const sideDeals = await raiseTension(demo.at("2026-09-22T15:12:00Z"), await viewerOf(personId("northwind", 1)), allianceId, {
    summary: "Greenfield brings decisions to the steering meeting that were already settled with Polymer Works beforehand.",
    detail: "It leaves the rest of us to approve rather than shape.",
    target: { kind: "seat", seatId: seat("greenfield").seatId },
    anonymous: true,
  });
  await publishAnonymousTensions(demo.at("2026-09-23T00:10:00Z"));
  await moveTension(demo.at("2026-10-02T09:00:00Z"), await facilitator(), allianceId, sideDeals.tension.id, {
    version: await versionOf("tensions", sideDeals.tension.id),
    move: "start_dialogue",
  });
  await commentOnRecord(demo.at("2026-10-02T09:05:00Z"), await facilitator(), allianceId, sideDeals.tension.id, {
    body: "On the agenda of the October steering meeting: how pre-meetings between members are shared.",
  });

  await raiseTension(demo.at("2026-11-05T11:00:00Z"), await viewerOf(personId("rivermouth")), allianceId, {
    summary: "Northwind's new tray was tested without the city's sorting plant.",
    target: { kind: "seat", seatId: seat("northwind").seatId },
    anonymous: false,
  });

  // ---- assumptions ----
  const proposal = await findAllianceRecord(ctx, "decision_proposals", allianceId, "%deposit%");
  const rinse = await recordAssumption(demo.at("2026-07-08T10:00:00Z"), await viewerOf(personId("ocean")), allianceId, {
    statement: "Households will rinse packaging before sorting without a deposit incentive.",
    holder: { kind: "seat", seatId: seat("ocean").seatId },
    confidence: "medium",
    testPlan: "Measure contamination in the Harbour district pilot bins for six weeks.",
    reviewOn: "2026-10-15",
    ...(proposal ? { decisionIds: [proposal] } : {}),
  });
  await testAssumption(demo.at("2026-10-20T15:00:00Z"), await viewerOf(personId("ocean")), allianceId, rinse.id, {
    version: 1,
    outcome: "invalidated",
    evidence: "Contamination stayed at 38% in the Harbour pilot, against 12% assumed.",
  });
  const label = await recordAssumption(demo.at("2026-07-15T09:00:00Z"), await viewerOf(personId("northwind")), allianceId, {
    statement: "Retailers will accept one shared recyclability label on both brands' packs.",
    holder: { kind: "seat", seatId: seat("northwind").seatId },
    confidence: 0.7,
    testPlan: "Ask the three largest regional retailers before the September meeting.",
    reviewOn: "2026-09-10",
  });
  await testAssumption(demo.at("2026-09-10T11:00:00Z"), await viewerOf(personId("northwind")), allianceId, label.id, {
    version: 1,
    outcome: "holding",
    evidence: "All three retailers signed a letter of support.",
    nextReviewOn: "2027-03-01",
  });
  await recordAssumption(demo.at("2026-11-03T14:00:00Z"), await viewerOf(personId("rivermouth")), allianceId, {
    statement: "The municipal sorting plant can separate the new mono-material trays.",
    holder: { kind: "seat", seatId: seat("rivermouth").seatId },
    confidence: "low",
    testPlan: "Run 2 tonnes of trays through the plant in December and count what ends up in the right bale.",
    reviewOn: "2026-12-15",
  });

  // ---- learnings ----
  await recordLearning(demo.at("2026-07-22T10:00:00Z"), await viewerOf(personId("polymer")), allianceId, {
    source: { kind: "event", title: "The late PET tray test results", link: { type: "breakdown", id: lateResults.id } },
    whatHappened: "Test results came three weeks after they were needed.",
    whatWasLearned: "The lab read 'urgent' as this month; we meant this week.",
    whatChanges: "Every test request carries a date both sides accept.",
    seatIds: [seat("polymer").seatId, seat("imr").seatId],
  });
  const pilot = await recordLearning(demo.at("2026-10-27T16:00:00Z"), await viewerOf(personId("ocean")), allianceId, {
    source: { kind: "experiment", title: "Harbour district sorting pilot" },
    whatHappened: "Six weeks of new bins and leaflets in 1,200 households.",
    whatWasLearned: "Leaflets barely moved contamination; the households that got a visit sorted far better.",
    whatChanges: "The deposit pilot design adds door-to-door visits in its first month.",
    seatIds: [seat("ocean").seatId, seat("rivermouth").seatId],
  });
  await linkRecord(demo.at("2026-10-27T16:05:00Z"), await viewerOf(personId("ocean")), allianceId, pilot.id, { type: "assumption", id: rinse.id });

  // ---- pulses: a nine-week cadence, three pulses, results only above k ----
  await setPulseCadence(demo.at("2026-06-22T09:00:00Z"), await facilitator(), allianceId, { version: 0, firstOpensAt: new Date("2026-07-06T08:00:00Z"), everyWeeks: 9, openDays: 10, active: true });
  const windows = [
    { opens: "2026-07-06T08:30:00Z", closes: "2026-07-16T08:30:00Z" },
    { opens: "2026-09-07T08:30:00Z", closes: "2026-09-17T08:30:00Z" },
    { opens: "2026-11-09T08:30:00Z", closes: "2026-11-19T08:30:00Z" },
  ];
  const keyOfSeat = new Map(demo.seats.map((s) => [s.seatId, s.key as SeatKey]));
  const random = createRandom(20260706);
  for (const [index, window] of windows.entries()) {
    await runPulseCycle(demo.at(window.opens));
    const pulse = await ctx.db.selectFrom("pulses").selectAll().where("alliance_id", "=", allianceId).where("occurrence", "=", index).executeTakeFirstOrThrow();
    const respondents = await ctx.db
      .selectFrom("memberships")
      .select(["person_id", "seat_id"])
      .where("alliance_id", "=", allianceId)
      .where("role", "in", ["delegate", "member"])
      .where("seat_id", "is not", null)
      .where("created_at", "<=", new Date(window.opens))
      .orderBy("created_at")
      .orderBy("person_id")
      .execute();
    const seen = new Set<string>();
    for (const [position, respondent] of respondents.entries()) {
      if (seen.has(respondent.person_id) || !respondent.seat_id) continue;
      seen.add(respondent.person_id);
      const seatKey = keyOfSeat.get(respondent.seat_id)!;
      // Everyone answers, but in the last pulse the city's delegate is away.
      if (index === 2 && respondent.person_id === personId("rivermouth")) continue;
      const questions: PulseQuestion[] = await questionsFor(ctx.db, allianceId, pulse, respondent.seat_id);
      const answers = questions.map((question) => {
        const scale = pulseScales[question.scale];
        const base = question.targetSeatId ? directionalValue(seatKey, keyOfSeat.get(question.targetSeatId)!, index) : baseValue(question.itemId, seatKey, index);
        const value = Math.max(scale.min, Math.min(scale.max, base + randomInt(random, -1, 1)));
        return { itemId: question.itemId, targetSeatId: question.targetSeatId, value };
      });
      // Answers come in over the first three days, at working hours.
      const at = new Date(new Date(window.opens).getTime() + (1 + (position % 3)) * 86_400_000 + (position % 9) * 3_600_000 + ((position * 7) % 60) * 60_000);
      await answerPulse(demo.at(at.toISOString()), await viewerOf(respondent.person_id), allianceId, pulse.id, { seatId: respondent.seat_id, answers });
    }
    await runPulseCycle(demo.at(window.closes));
  }
}

/** The id of the alliance's earliest record in another capability's table whose title matches, if that table exists here. */
async function findAllianceRecord(ctx: ServerContext, table: "commitments" | "decision_proposals", allianceId: string, titleLike: string): Promise<string | null> {
  const present = await sql<{ present: boolean }>`select to_regclass(${table}) is not null as present`.execute(ctx.db);
  if (!present.rows[0]?.present) return null;
  const row = await sql<{ id: string }>`
    select id from ${sql.table(table)} where alliance_id = ${allianceId} and visibility = 'alliance' and title ilike ${titleLike}
    order by created_at, id limit 1`.execute(ctx.db);
  return row.rows[0]?.id ?? null;
}

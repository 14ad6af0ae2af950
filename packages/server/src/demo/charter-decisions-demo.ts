import type { AllianceViewer } from "@trellis/core";
import type { ServerContext } from "../context";
import { answerAmendment } from "../use-cases/charter/answer-amendment";
import { commentOnAmendment } from "../use-cases/charter/comment-on-amendment";
import { createCharter } from "../use-cases/charter/create-charter";
import { proposeAmendment } from "../use-cases/charter/propose-amendment";
import { rebaseAmendment } from "../use-cases/charter/rebase-amendment";
import { closeProposal } from "../use-cases/decisions/close-proposal";
import { createProposal, type CreateProposalInput } from "../use-cases/decisions/create-proposal";
import { recordOutcome } from "../use-cases/decisions/record-outcome";
import { respondToObjection } from "../use-cases/decisions/respond-to-objection";
import { takePosition } from "../use-cases/decisions/take-position";
import { getCharterView } from "../use-cases/charter/show-charter";
import { loadViewer } from "../use-cases/load-viewer";
import type { PositionValue } from "@trellis/core/decisions";
import type { DemoAlliance } from "./seed-demo";

type SeatKey = "northwind" | "greenfield" | "polymer" | "ocean" | "imr" | "rivermouth";
/** A demo person: a seat key and the index of the person in that seat (0 is its delegate). */
type Who = `${SeatKey}:${0 | 1}` | "facilitator";

const stance = (s: "agree" | "abstain" | "disagree" | "block" | "object"): PositionValue => ({ kind: "stance", stance: s });

/**
 * The demo's shared authorship, June to November 2026: a charter co-written by the six partners
 * (version 1), a ratified amendment after an objection and a revision (version 2), a pending
 * amendment with its discussion; decisions by consent (an objection integrated), consensus (a
 * block), ranked choice, weighted vote with hidden results, an anonymous dot vote, an advice
 * process and an open meeting-time poll, each closed decision with an outcome and a review date.
 */
export async function seedCharterDecisionsDemo(ctx: ServerContext, demo: DemoAlliance): Promise<void> {
  const viewers = new Map<string, AllianceViewer>();
  const idOf = (who: Who): string => {
    if (who === "facilitator") return demo.facilitatorId;
    const [key, index] = who.split(":") as [SeatKey, string];
    const person = demo.seats.find((s) => s.key === key)?.people[Number(index)];
    if (!person) throw new Error(`The demo has no ${who}.`);
    return person.id;
  };
  const seatOf = (key: SeatKey): string => {
    const seat = demo.seats.find((s) => s.key === key);
    if (!seat) throw new Error(`The demo has no seat ${key}.`);
    return seat.seatId;
  };
  const as = async (who: Who): Promise<AllianceViewer> => {
    const id = idOf(who);
    let viewer = viewers.get(id);
    if (!viewer) {
      const person = await ctx.db.selectFrom("people").select(["id", "email", "display_name"]).where("id", "=", id).executeTakeFirstOrThrow();
      viewer = await loadViewer(ctx.db, demo.allianceId, { id: person.id, email: person.email, displayName: person.display_name, isAdmin: false, timeZone: "UTC" });
      viewers.set(id, viewer);
    }
    return viewer;
  };
  const at = demo.at;
  const alliance = demo.allianceId;

  // The charter, first drafted together in June.
  const by = (who: Who, key: SeatKey) => ({ personId: idOf(who), seatId: seatOf(key) });
  await createCharter(at("2026-06-16T10:00:00Z"), await as("facilitator"), alliance, {
    clauses: [
      { section: "purpose", text: "Make every food and drink package sold in the Rivermouth region recyclable, and actually recycled, by 2030.", writtenBy: by("ocean:0", "ocean") },
      { section: "scope", scopeSide: "in", text: "Design-for-recycling standards, material data and collection pilots are pre-competitive: we build them together.", writtenBy: by("polymer:0", "polymer") },
      { section: "scope", scopeSide: "out", text: "Prices, volumes, customer contracts and product launches are out of scope and are never discussed here.", writtenBy: by("northwind:0", "northwind") },
      { section: "principles", text: "We publish what we learn, including what failed.", writtenBy: by("imr:0", "imr") },
      { section: "principles", text: "Every partner's voice counts the same in discussion; seat weights apply only where this charter says so.", writtenBy: by("rivermouth:0", "rivermouth") },
      { section: "governance", text: "Amendments to this charter need the consent of every partner.", setting: { key: "amendment_rule", rule: { kind: "unanimous" } } },
      { section: "governance", text: "We renew our shared purpose every twelve months.", setting: { key: "renewal_period", months: 12 } },
      { section: "governance", text: "A decision needs two thirds of the seats taking part.", setting: { key: "decision_quorum", fraction: { numerator: 2, denominator: 3 } }, writtenBy: by("greenfield:0", "greenfield") },
      { section: "objectives", text: "Halve the packaging that ends up on Rivermouth's beaches by 2028.", writtenBy: by("ocean:0", "ocean") },
      { section: "objectives", seatId: seatOf("northwind"), text: "Northwind: all our own-brand packaging mono-material by 2027.", writtenBy: by("northwind:0", "northwind") },
      { section: "objectives", seatId: seatOf("greenfield"), text: "Greenfield: a deposit-return pilot for our bottles in two districts.", writtenBy: by("greenfield:0", "greenfield") },
      { section: "contributions", seatId: seatOf("polymer"), text: "Polymer Works lends its pilot sorting line four weeks a year.", writtenBy: by("polymer:0", "polymer") },
      { section: "contributions", seatId: seatOf("imr"), text: "The Institute contributes lab time and an independent test protocol.", writtenBy: by("imr:0", "imr") },
      { section: "contributions", seatId: seatOf("rivermouth"), text: "Rivermouth shares its sorting-facility data every month.", writtenBy: by("rivermouth:0", "rivermouth") },
    ],
  });
  const v1 = await getCharterView(at("2026-06-16T10:00:00Z"), await as("facilitator"), alliance);
  const clause = (section: string, startsWith: string) => {
    const found = v1.sections.find((s) => s.section === section)?.clauses.find((c) => c.text.startsWith(startsWith));
    if (!found) throw new Error(`The demo charter has no ${section} clause "${startsWith}".`);
    return found.id;
  };

  // Version 2: Greenfield asks to publish faster; Polymer objects; the revision is ratified by all.
  const publish = await proposeAmendment(at("2026-07-01T09:00:00Z"), await as("greenfield:0"), alliance, {
    kind: "change",
    clauseId: clause("principles", "We publish"),
    proposedText: "We publish what we learn within three months, including what failed.",
    rationale: "Results that arrive a year late do not change anyone's packaging.",
  });
  for (const [who, when] of [["greenfield:0", "2026-07-01T09:05:00Z"], ["ocean:0", "2026-07-02T08:00:00Z"], ["rivermouth:0", "2026-07-02T15:00:00Z"]] as const) {
    await answerAmendment(at(when), await as(who), alliance, publish.id, { draft: 1, answer: "consent" });
  }
  await answerAmendment(at("2026-07-03T10:00:00Z"), await as("polymer:0"), alliance, publish.id, {
    draft: 1,
    answer: "object",
    reason: "Lab validation of a new material takes longer than three months; we would publish unchecked results.",
  });
  await commentOnAmendment(at("2026-07-03T14:00:00Z"), await as("imr:0"), alliance, publish.id, { body: "Six months would fit our validation cycle and still be fast." });
  await commentOnAmendment(at("2026-07-04T09:00:00Z"), await as("greenfield:0"), alliance, publish.id, { body: "Six months works for us. I will revise." });
  await rebaseAmendment(at("2026-07-06T09:00:00Z"), await as("greenfield:0"), alliance, publish.id, {
    version: 1,
    proposedText: "We publish what we learn within six months, including what failed.",
    rationale: "Faster than a year, with time for lab validation.",
  });
  const ratifying: [Who, string][] = [
    ["greenfield:0", "2026-07-06T09:05:00Z"],
    ["polymer:0", "2026-07-07T08:00:00Z"],
    ["imr:0", "2026-07-07T11:00:00Z"],
    ["ocean:0", "2026-07-08T09:00:00Z"],
    ["northwind:0", "2026-07-09T10:00:00Z"],
    ["rivermouth:0", "2026-07-10T08:30:00Z"],
  ];
  for (const [who, when] of ratifying) await answerAmendment(at(when), await as(who), alliance, publish.id, { draft: 2, answer: "consent" });

  // Pending: Rivermouth proposes to bring municipal collection data into scope; the discussion goes on.
  const collection = await proposeAmendment(at("2026-10-19T09:00:00Z"), await as("rivermouth:0"), alliance, {
    kind: "add",
    title: "Bring municipal collection data into scope",
    placement: { section: "scope", scopeSide: "in" },
    proposedText: "Municipal collection data shared under the coalition's data licence is pre-competitive.",
    rationale: "The sorting model needs collection data, and partners hesitate to use it without a charter basis.",
  });
  for (const [who, when] of [["rivermouth:0", "2026-10-19T09:05:00Z"], ["ocean:0", "2026-10-20T08:00:00Z"], ["imr:0", "2026-10-21T07:00:00Z"]] as const) {
    await answerAmendment(at(when), await as(who), alliance, collection.id, { draft: 1, answer: "consent" });
  }
  await commentOnAmendment(at("2026-10-22T10:00:00Z"), await as("northwind:0"), alliance, collection.id, {
    body: "We support the idea but our counsel wants to read the licence terms first. Can we discuss at the November meeting?",
  });
  await commentOnAmendment(at("2026-10-23T09:00:00Z"), await as("rivermouth:0"), alliance, collection.id, { body: "Of course. I will bring the licence annex." });

  // Decisions.
  const proposal = async (who: Who, when: string, input: CreateProposalInput) => (await createProposal(at(when), await as(who), alliance, input)).id;
  const position = async (who: Who, when: string, id: string, value: PositionValue, reason?: string) => {
    const viewer = await as(who);
    return (await takePosition(at(when), viewer, alliance, id, { value, reason: reason ?? null })).id;
  };
  const close = async (who: Who, when: string, id: string) => closeProposal(at(when), await as(who), alliance, id);
  const outcome = async (who: Who, when: string, id: string, statement: string, reviewOn: string) => recordOutcome(at(when), await as(who), alliance, id, { statement, reviewOn });

  // Consent, with an objection integrated (July).
  const licence = await proposal("imr:0", "2026-07-13T08:00:00Z", {
    title: "Adopt the shared material data licence",
    body: "All material test data from coalition pilots is released under CC BY 4.0.",
    method: { kind: "consent" },
    closesAt: "2026-07-24T16:00:00Z",
  });
  await position("imr:0", "2026-07-13T08:10:00Z", licence, stance("agree"));
  await position("ocean:0", "2026-07-14T09:00:00Z", licence, stance("agree"));
  const objection = await position("northwind:0", "2026-07-14T13:00:00Z", licence, stance("object"), "Test data names our suppliers' grades; releasing it breaks our supply contracts.");
  await respondToObjection(at("2026-07-16T09:00:00Z"), await as("imr:0"), alliance, licence, objection, {
    kind: "integrated",
    note: "Supplier and grade names are replaced by material classes before release.",
    revisedBody: "All material test data from coalition pilots is released under CC BY 4.0, with supplier and grade names replaced by material classes.",
  });
  for (const [who, when] of [["northwind:0", "2026-07-16T15:00:00Z"], ["greenfield:0", "2026-07-17T09:00:00Z"], ["polymer:0", "2026-07-17T10:00:00Z"], ["rivermouth:0", "2026-07-18T08:00:00Z"]] as const) {
    await position(who, when, licence, stance("agree"));
  }
  await close("imr:0", "2026-07-20T09:00:00Z", licence);
  await outcome("imr:0", "2026-07-20T09:30:00Z", licence, "Pilot test data is published under CC BY 4.0 with supplier and grade names replaced by material classes.", "2027-01-15");

  // Ranked choice: the first pilot district (August).
  const district = await proposal("rivermouth:0", "2026-08-03T08:00:00Z", {
    title: "Which district hosts the first collection pilot?",
    method: { kind: "ranked_choice", count: "instant_runoff" },
    options: [{ label: "Harbour" }, { label: "Old Town" }, { label: "Northside" }],
    closesAt: "2026-08-14T16:00:00Z",
  });
  const rankings: [Who, string[], string][] = [
    ["rivermouth:0", ["o1", "o3"], "2026-08-03T08:10:00Z"],
    ["northwind:0", ["o2", "o1"], "2026-08-04T09:00:00Z"],
    ["northwind:1", ["o1", "o2"], "2026-08-04T13:00:00Z"],
    ["greenfield:0", ["o2", "o3", "o1"], "2026-08-05T10:00:00Z"],
    ["polymer:0", ["o3", "o1"], "2026-08-06T08:00:00Z"],
    ["ocean:0", ["o1", "o2"], "2026-08-07T11:00:00Z"],
    ["imr:0", ["o1"], "2026-08-10T07:00:00Z"],
  ];
  for (const [who, ranking, when] of rankings) await position(who, when, district, { kind: "ranking", ranking });
  await close("rivermouth:0", "2026-08-14T17:00:00Z", district);
  await outcome("rivermouth:0", "2026-08-17T09:00:00Z", district, "The first collection pilot runs in Harbour from October.", "2026-12-15");

  // Consensus with a block (September).
  const admit = await proposal("ocean:0", "2026-09-07T08:00:00Z", {
    title: "Admit Crystal Springs as a partner",
    body: "Crystal Springs, a regional water bottler, asked to join the coalition.",
    method: { kind: "consensus" },
    closesAt: "2026-09-18T16:00:00Z",
  });
  await position("ocean:0", "2026-09-07T08:10:00Z", admit, stance("agree"));
  await position("imr:0", "2026-09-08T07:00:00Z", admit, stance("agree"));
  await position("rivermouth:0", "2026-09-08T10:00:00Z", admit, stance("agree"));
  await position("northwind:0", "2026-09-09T12:00:00Z", admit, stance("disagree"), "A third brand makes the room harder; not a block.");
  await position("greenfield:0", "2026-09-10T09:00:00Z", admit, stance("block"), "Crystal Springs competes with us head-on; we need clean-team rules before a direct competitor joins.");
  await position("polymer:0", "2026-09-11T14:00:00Z", admit, stance("abstain"));
  await close("facilitator", "2026-09-18T16:30:00Z", admit);
  await outcome("facilitator", "2026-09-21T09:00:00Z", admit, "Crystal Springs is not admitted now; we revisit once clean-team rules are in place.", "2027-03-01");

  // Weighted by seat weight, results hidden until close (October).
  const sorting = await proposal("polymer:0", "2026-10-05T08:00:00Z", {
    title: "Co-fund a near-infrared sorting line (EUR 400,000)",
    body: "Each partner funds in proportion to its seat weight; Polymer Works hosts the line.",
    method: { kind: "weighted" },
    hiddenUntilClose: true,
    closesAt: "2026-10-16T16:00:00Z",
  });
  for (const [who, s, when] of [
    ["polymer:0", "agree", "2026-10-05T08:10:00Z"],
    ["northwind:0", "agree", "2026-10-06T09:00:00Z"],
    ["greenfield:0", "agree", "2026-10-07T10:00:00Z"],
    ["greenfield:1", "disagree", "2026-10-07T11:00:00Z"],
    ["ocean:0", "abstain", "2026-10-08T09:00:00Z"],
    ["rivermouth:0", "agree", "2026-10-09T08:00:00Z"],
  ] as const) {
    await position(who, when, sorting, stance(s));
  }
  await close("facilitator", "2026-10-16T16:05:00Z", sorting);
  await outcome("polymer:0", "2026-10-19T09:00:00Z", sorting, "The sorting line is co-funded by seat weight and installed at Polymer Works in Q1 2027.", "2027-04-30");

  // An anonymous dot vote (October).
  const budget = await proposal("facilitator", "2026-10-20T08:00:00Z", {
    title: "Where should the 2027 shared budget go?",
    method: { kind: "dot_vote", dotsPerPerson: 3, maxPerOption: 2 },
    options: [{ label: "Consumer campaign" }, { label: "More sorting trials" }, { label: "Deposit pilot" }, { label: "Data platform" }],
    anonymous: true,
    closesAt: "2026-10-30T16:00:00Z",
  });
  for (const [who, dots, when] of [
    ["northwind:0", { o2: 2, o4: 1 }, "2026-10-21T09:00:00Z"],
    ["greenfield:0", { o3: 2, o1: 1 }, "2026-10-21T11:00:00Z"],
    ["polymer:0", { o2: 2, o4: 1 }, "2026-10-22T08:00:00Z"],
    ["ocean:0", { o1: 2, o3: 1 }, "2026-10-22T15:00:00Z"],
    ["imr:0", { o4: 2, o2: 1 }, "2026-10-23T07:00:00Z"],
    ["imr:1", { o2: 1, o4: 2 }, "2026-10-23T09:00:00Z"],
    ["rivermouth:0", { o2: 1, o3: 2 }, "2026-10-26T08:00:00Z"],
  ] as const) {
    await position(who, when, budget, { kind: "dots", dots });
  }
  await close("facilitator", "2026-10-30T16:10:00Z", budget);
  await outcome("facilitator", "2026-11-02T09:00:00Z", budget, "Most 2027 shared budget goes to more sorting trials, then the data platform.", "2027-06-30");

  // Still open in late November: an advice process and a meeting-time poll.
  const steward = await proposal("facilitator", "2026-11-09T08:00:00Z", {
    title: "Hire a part-time data steward",
    body: "A data steward, hosted by the Institute, would curate the shared material data.",
    method: { kind: "advice", deciderId: demo.facilitatorId },
    closesAt: "2026-12-04T16:00:00Z",
  });
  await position("imr:0", "2026-11-10T08:00:00Z", steward, stance("agree"), "Yes, and we can host: start at 20 hours a week.");
  await position("northwind:0", "2026-11-11T10:00:00Z", steward, stance("disagree"), "Fund it from next year's budget, not this one.");
  await position("ocean:0", "2026-11-12T09:00:00Z", steward, stance("agree"), "Someone must own data quality; the licence depends on it.");

  const kickoff = await proposal("greenfield:0", "2026-11-16T08:00:00Z", {
    title: "Kick-off for the deposit-return pilot",
    method: { kind: "meeting_time" },
    options: [
      { label: "Tue 8 Dec, 10:00", startsAt: "2026-12-08T09:00:00Z" },
      { label: "Wed 9 Dec, 14:00", startsAt: "2026-12-09T13:00:00Z" },
      { label: "Thu 10 Dec, 10:00", startsAt: "2026-12-10T09:00:00Z" },
    ],
    closesAt: "2026-12-01T16:00:00Z",
  });
  for (const [who, slotIds, when] of [
    ["greenfield:0", ["o1", "o2"], "2026-11-16T08:10:00Z"],
    ["rivermouth:0", ["o2", "o3"], "2026-11-17T09:00:00Z"],
    ["northwind:0", ["o2"], "2026-11-18T10:00:00Z"],
    ["ocean:0", ["o1", "o2", "o3"], "2026-11-19T08:00:00Z"],
  ] as const) {
    await position(who, when, kickoff, { kind: "availability", slotIds: [...slotIds] });
  }
}

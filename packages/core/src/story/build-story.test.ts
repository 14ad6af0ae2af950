import { describe, expect, it } from "vitest";
import { buildStory, filterStory, isAnonymousStoryEvent } from "./build-story";
import type { StoryEvent, StorySeat } from "./story-event";
import { defaultStoryRules } from "./story-rules";

const northwind = { id: "nw", name: "Northwind" };
const greenfield = { id: "gl", name: "Greenfield Labs" };
const acme = { id: "acme", name: "Acme" };
const as = (seat: { id: string; name: string }, role: string): StorySeat => ({ ...seat, role });

let counter = 0;
function buildEvent(overrides: Partial<StoryEvent> & Pick<StoryEvent, "type">): StoryEvent {
  counter += 1;
  return { id: `e${counter}`, at: new Date("2025-02-10T12:00:00Z"), actor: null, seats: [], summary: {}, record: null, ...overrides };
}

const headlineOf = (event: StoryEvent) => buildStory([event])[0]!.headline;
const commitmentSeats = [as(greenfield, "requester"), as(northwind, "performer")];

describe("the story's sentences", () => {
  it("tell commitments as conversations, promises kept and broken", () => {
    const commitment = (type: string, summary: StoryEvent["summary"] = {}) =>
      headlineOf(buildEvent({ type, seats: commitmentSeats, summary: { title: "Shared test protocol", dueOn: "2025-03-03", ...summary } }));
    expect(commitment("commitment.promised")).toBe("Northwind promised Greenfield Labs 'Shared test protocol' by 3 March");
    expect(commitment("commitment.requested")).toBe("Greenfield Labs asked Northwind for 'Shared test protocol' by 3 March");
    expect(commitment("commitment.countered", { dueOn: "2026-01-15" })).toBe("Northwind made a counter-offer to Greenfield Labs on 'Shared test protocol': by 15 January 2026");
    expect(commitment("commitment.reported")).toBe("Northwind reported 'Shared test protocol' done for Greenfield Labs");
    expect(commitment("commitment.accepted")).toBe("Greenfield Labs accepted Northwind's delivery of 'Shared test protocol': a promise kept");
    expect(commitment("commitment.declined")).toBe("Northwind declined Greenfield Labs' request for 'Shared test protocol'");
    expect(commitment("commitment.reneged")).toBe("Northwind broke its promise to Greenfield Labs of 'Shared test protocol'");
    expect(commitment("commitment.revoked")).toBe("Northwind withdrew its promise to Greenfield Labs of 'Shared test protocol', with notice");
    expect(commitment("commitment.cancelled")).toBe("Greenfield Labs cancelled its request to Northwind for 'Shared test protocol'");
    expect(headlineOf(buildEvent({ type: "commitment.promised" }))).toBe("A partner promised a partner a commitment");
  });

  it("tell every other move of a commitment: offers, withdrawals, counters, answers promised, reports handed back, renegotiation and reminders", () => {
    const commitment = (type: string, summary: StoryEvent["summary"] = {}, extra: Partial<StoryEvent> = {}) =>
      headlineOf(buildEvent({ type, seats: commitmentSeats, summary: { title: "Shared test protocol", dueOn: "2025-03-03", ...summary }, ...extra }));
    expect(commitment("commitment.offered", { by: "performer" })).toBe("Northwind offered Greenfield Labs 'Shared test protocol' by 3 March");
    expect(commitment("commitment.withdrawn", { by: "customer" })).toBe("Greenfield Labs withdrew its request to Northwind for 'Shared test protocol'");
    expect(commitment("commitment.withdrawn", { by: "performer" })).toBe("Northwind withdrew its offer to Greenfield Labs of 'Shared test protocol'");
    expect(commitment("commitment.answer_promised")).toBe("Northwind promised Greenfield Labs an answer on 'Shared test protocol'");
    expect(commitment("commitment.counter_accepted", { dueOn: "2025-03-10" })).toBe("Greenfield Labs accepted Northwind's terms for 'Shared test protocol': a promise by 10 March");
    expect(commitment("commitment.countered_again")).toBe("Greenfield Labs put other terms back to Northwind on 'Shared test protocol': by 3 March");
    expect(commitment("commitment.counter_rejected")).toBe("Greenfield Labs turned down Northwind's terms for 'Shared test protocol'");
    expect(commitment("commitment.report_rejected")).toBe("Greenfield Labs found 'Shared test protocol' not done yet and handed it back to Northwind");
    expect(commitment("commitment.renegotiation_proposed", { by: "performer" })).toBe(
      "Northwind proposed new terms to Greenfield Labs for 'Shared test protocol'; the promise stands until they agree",
    );
    expect(commitment("commitment.renegotiation_proposed", { by: "customer" })).toBe(
      "Greenfield Labs proposed new terms to Northwind for 'Shared test protocol'; the promise stands until they agree",
    );
    expect(commitment("commitment.renegotiated", { by: "customer", dueOn: "2025-04-01" })).toBe("Greenfield Labs and Northwind agreed new terms for 'Shared test protocol': by 1 April");
    expect(commitment("commitment.renegotiation_rejected", { by: "customer" })).toBe(
      "Greenfield Labs turned down the new terms Northwind proposed for 'Shared test protocol'; the promise stands",
    );
    expect(commitment("commitment.renegotiation_withdrawn", { by: "performer" })).toBe("Northwind withdrew the new terms it proposed to Greenfield Labs for 'Shared test protocol'");
    expect(commitment("commitment.nudged", { reasonLabel: "to do the work" }, { actor: "Mara Okafor", seats: [...commitmentSeats, as(northwind, "to")] })).toBe(
      "Mara Okafor reminded Northwind of 'Shared test protocol': to do the work",
    );
    expect(headlineOf(buildEvent({ type: "commitment.nudged" }))).toBe("A facilitator reminded a partner of a commitment");
    expect(headlineOf(buildEvent({ type: "commitment.renegotiation_rejected" }))).toBe("A partner turned down the new terms a partner proposed for a commitment; the promise stands");
  });

  it("give every commitment event the server records a sentence of its own", () => {
    const recorded = [
      "requested", "offered", "promised", "countered", "declined", "withdrawn", "answer_promised", "counter_accepted", "countered_again", "counter_rejected",
      "reported", "reneged", "cancelled", "accepted", "report_rejected", "renegotiation_proposed", "renegotiated", "renegotiation_rejected",
      "renegotiation_withdrawn", "revoked", "nudged",
    ];
    for (const type of recorded) expect(defaultStoryRules[`commitment.${type}`], type).toBeDefined();
  });

  it("tell the alliance's founding, decisions, charter and rhythm", () => {
    expect(headlineOf(buildEvent({ type: "alliance.created", summary: { name: "Open Grid Alliance" } }))).toBe("The alliance 'Open Grid Alliance' was formed");
    expect(headlineOf(buildEvent({ type: "seat.added", seats: [as(acme, "subject")] }))).toBe("Acme took a seat in the alliance");
    expect(headlineOf(buildEvent({ type: "person.joined", summary: { person: "Ana Ruiz" }, seats: [as(acme, "member")] }))).toBe("Ana Ruiz joined for Acme");
    expect(headlineOf(buildEvent({ type: "proposal.created", seats: [as(acme, "proposer")], summary: { title: "Adopt consent" } }))).toBe("Acme proposed 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "proposal.closed", summary: { title: "Adopt consent", outcome: "passed" } }))).toBe("The proposal 'Adopt consent' passed");
    expect(headlineOf(buildEvent({ type: "proposal.closed", summary: { title: "Adopt consent", outcome: "failed" } }))).toBe("The proposal 'Adopt consent' did not pass");
    expect(headlineOf(buildEvent({ type: "charter.amended", summary: { clause: "Scope" } }))).toBe("The charter clause 'Scope' was amended");
    expect(headlineOf(buildEvent({ type: "charter.ratified", seats: [as(acme, "ratifier")], summary: { title: "Amendment 3" } }))).toBe("Acme ratified 'Amendment 3'");
    expect(headlineOf(buildEvent({ type: "charter.ratified", summary: { allSeats: true } }))).toBe("Every seat has ratified the charter");
    expect(headlineOf(buildEvent({ type: "charter.renewed" }))).toBe("The charter was renewed");
    expect(headlineOf(buildEvent({ type: "charter.renewed", summary: { until: "2026-02-10" } }))).toBe("The charter was renewed until 10 February 2026");
    expect(headlineOf(buildEvent({ type: "meeting.held", summary: { title: "Quarterly review", seatsPresent: 5, seatsInvited: 6 } }))).toBe(
      "The alliance met: 'Quarterly review' (5 of 6 seats present)",
    );
    expect(headlineOf(buildEvent({ type: "pulse.closed", summary: { respondents: 12, invited: 20 } }))).toBe("A pulse closed with 12 of 20 invited responding");
  });

  it("tell positions, objections answered, advice decided and outcomes", () => {
    const proposal = { title: "Adopt consent" };
    expect(headlineOf(buildEvent({ type: "position.taken", actor: "Ana Ruiz", seats: [as(acme, "subject")], summary: { ...proposal, stance: "agree" } }))).toBe("Ana Ruiz for Acme agreed with 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "position.taken", actor: "Ana Ruiz", summary: { ...proposal, stance: "object", changed: true } }))).toBe("Ana Ruiz changed their position on 'Adopt consent': now objecting");
    // Hidden results carry no stance; anonymous positions carry no one.
    expect(headlineOf(buildEvent({ type: "position.taken", actor: "Ana Ruiz", summary: proposal }))).toBe("Ana Ruiz took a position on 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "position.taken", actor: "Ana Ruiz", seats: [as(acme, "subject")], summary: { ...proposal, anonymous: true, stance: "block" } }))).toBe("A participant blocked 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "objection.integrated", actor: "Ben Ode", summary: proposal }))).toBe("Ben Ode integrated an objection into 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "objection.addressed", actor: "Ben Ode", summary: proposal }))).toBe("Ben Ode answered an objection to 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "proposal.updated", actor: "Ben Ode", summary: proposal }))).toBe("Ben Ode revised 'Adopt consent'");
    expect(headlineOf(buildEvent({ type: "proposal.decided", actor: "Mara Okafor", summary: { ...proposal, adviceGiven: 3 } }))).toBe("Mara Okafor decided on 'Adopt consent' after 3 pieces of advice");
    expect(headlineOf(buildEvent({ type: "outcome.recorded", actor: "Mara Okafor", summary: { ...proposal, statement: "We decide by consent", reviewOn: "2025-08-01" } }))).toBe(
      "Mara Okafor recorded the outcome of 'Adopt consent': 'We decide by consent', to be reviewed on 1 August",
    );
  });

  it("tell breakdowns, assumptions and learnings", () => {
    expect(headlineOf(buildEvent({ type: "breakdown.named", actor: "Ana Ruiz", seats: [as(acme, "involved"), as(northwind, "involved")], summary: { whatHappened: "Data came late" } }))).toBe(
      "Ana Ruiz named a breakdown: 'Data came late' (involving Acme and Northwind)",
    );
    expect(headlineOf(buildEvent({ type: "breakdown.closed", summary: { whatHappened: "Data came late", closure: "reinterpretation", reinterpretation: "No date was agreed" } }))).toBe(
      "The breakdown 'Data came late' was reframed: 'No date was agreed'",
    );
    expect(headlineOf(buildEvent({ type: "breakdown.closed", summary: { closure: "action", actionType: "commitment", actionTitle: "Weekly data drop" } }))).toBe(
      "A breakdown was closed with a commitment 'Weekly data drop'",
    );
    expect(headlineOf(buildEvent({ type: "assumption.invalidated", seats: [as(acme, "holder")], summary: { statement: "Utilities share data", decisionCount: 2 } }))).toBe(
      "The assumption 'Utilities share data' held by Acme was invalidated; 2 decisions rest on it",
    );
    expect(headlineOf(buildEvent({ type: "learning.recorded", summary: { title: "Intake pilot", whatWasLearned: "Import, don't re-enter" } }))).toBe(
      "A learning was recorded from 'Intake pilot': 'Import, don't re-enter'",
    );
  });

  it("shorten long titles", () => {
    const headline = headlineOf(buildEvent({ type: "proposal.created", seats: [as(acme, "proposer")], summary: { title: "x".repeat(200) } }));
    expect(headline.length).toBeLessThan(120);
    expect(headline.endsWith("…'")).toBe(true);
  });

  it("give unknown event types a generic sentence", () => {
    expect(headlineOf(buildEvent({ type: "overlap.flagged", actor: "Ana Ruiz", seats: [acme, northwind], summary: { title: "Battery IP" } }))).toBe(
      "Overlap flagged by Ana Ruiz (Acme and Northwind): 'Battery IP'",
    );
    expect(buildStory([buildEvent({ type: "clean_team.created" })])[0]).toMatchObject({ headline: "Clean team created", dynamic: "other" });
  });

  it("map event types to dynamics", () => {
    const dynamicOf = (type: string) => buildStory([buildEvent({ type })])[0]!.dynamic;
    expect(dynamicOf("commitment.promised")).toBe("language");
    expect(dynamicOf("commitment.reneged")).toBe("trust");
    expect(dynamicOf("charter.renewed")).toBe("rhythm");
    expect(dynamicOf("charter.ratified")).toBe("authorship");
    expect(dynamicOf("tension.raised")).toBe("candor");
    expect(dynamicOf("pulse.closed")).toBe("presence");
    expect(dynamicOf("toString")).toBe("other"); // no prototype lookups
  });

  it("can be extended with new rows", () => {
    const story = buildStory([buildEvent({ type: "overlap.flagged", seats: [acme] })], {
      rules: { "overlap.flagged": { dynamic: "trust", headline: (c) => `An overlap with ${c.seatList()} was flagged` } },
    });
    expect(story[0]).toMatchObject({ headline: "An overlap with Acme was flagged", dynamic: "trust" });
    const covered = ["alliance.created", "seat.added", "person.joined", "meeting.held", "pulse.closed", "assumption.invalidated", "learning.recorded"]
      .concat(["requested", "promised", "countered", "reported", "accepted", "declined", "reneged", "revoked", "cancelled"].map((move) => `commitment.${move}`))
      .concat(
        ["offered", "withdrawn", "answer_promised", "counter_accepted", "countered_again", "counter_rejected", "report_rejected"]
          .concat(["renegotiation_proposed", "renegotiated", "renegotiation_rejected", "renegotiation_withdrawn", "nudged"])
          .map((type) => `commitment.${type}`),
      )
      .concat(["proposal.created", "proposal.closed", "charter.amended", "charter.ratified", "charter.renewed"])
      .concat(["proposal.updated", "position.taken", "objection.addressed", "objection.integrated", "proposal.decided", "outcome.recorded"])
      .concat(["breakdown.named", "breakdown.closed", "tension.raised", "tension.resolved", "tension.reframed"]);
    expect(Object.keys(defaultStoryRules).sort()).toEqual(covered.sort());
  });
});

describe("anonymous tensions in the story", () => {
  const raised = buildEvent({
    type: "tension.raised",
    actor: "Ana Ruiz",
    seats: [as(acme, "target"), as(northwind, "author")],
    summary: { anonymous: true, authorName: "Ana Ruiz", fromSeat: "Northwind" },
    record: { type: "tension", id: "t1" },
  });

  it("never name the author, even when the event wrongly carries one", () => {
    const [entry] = buildStory([raised]);
    expect(entry!.headline).toBe("A tension was raised toward Acme (anonymous)");
    expect(entry!.seats).toEqual([as(acme, "target")]);
    expect(JSON.stringify(entry)).not.toMatch(/Ana|Northwind|nw/);
  });

  it("cannot be found by filtering on the author's seat", () => {
    expect(filterStory(buildStory([raised]), { seatIds: ["nw"] })).toEqual([]);
    expect(filterStory(buildStory([raised]), { seatIds: ["acme"] })).toHaveLength(1);
  });

  it("treat a tension event without the flag as anonymous; a named one names its seat", () => {
    const unflagged = buildEvent({ type: "tension.raised", actor: "Ana", seats: [as(northwind, "author")] });
    expect(isAnonymousStoryEvent(unflagged)).toBe(true);
    expect(headlineOf(unflagged)).toBe("A tension was raised toward the whole alliance (anonymous)");
    const named = buildEvent({ type: "tension.raised", seats: [as(acme, "target"), as(northwind, "author")], summary: { anonymous: false, summary: "Agendas" } });
    expect(headlineOf(named)).toBe("Northwind raised a tension toward Acme: 'Agendas'");
    expect(headlineOf(buildEvent({ type: "tension.reframed", seats: [as(acme, "target")], summary: { reframing: "About length" } }))).toBe(
      "The tension toward Acme was reframed: 'About length'",
    );
    expect(headlineOf(buildEvent({ type: "tension.resolved", seats: [as(acme, "target")] }))).toBe("The tension toward Acme was resolved");
  });
});

describe("the story's order and filters", () => {
  const events = [
    buildEvent({ type: "charter.renewed", at: new Date("2025-04-02T09:00:00Z") }),
    buildEvent({ type: "commitment.promised", at: new Date("2025-03-01T09:00:00Z"), seats: commitmentSeats, summary: { title: "Protocol" }, record: { type: "commitment", id: "c1" } }),
    buildEvent({ type: "commitment.accepted", at: new Date("2025-03-01T09:00:00Z"), seats: commitmentSeats, summary: { title: "Protocol" } }),
    buildEvent({ type: "seat.added", at: new Date("2025-01-05T09:00:00Z"), seats: [as(acme, "subject")] }),
  ];
  const story = buildStory(events);

  it("orders by time, keeping the given order for ties", () => {
    expect(story.map((entry) => entry.type)).toEqual(["seat.added", "commitment.promised", "commitment.accepted", "charter.renewed"]);
    expect(story[1]!.record).toEqual({ type: "commitment", id: "c1" });
  });

  it("filters by seat, dynamic and period", () => {
    expect(filterStory(story, { seatIds: ["nw"] }).map((entry) => entry.type)).toEqual(["commitment.promised", "commitment.accepted"]);
    expect(filterStory(story, { dynamics: ["trust", "rhythm"] }).map((entry) => entry.type)).toEqual(["commitment.accepted", "charter.renewed"]);
    expect(filterStory(story, { from: new Date("2025-03-01T00:00:00Z"), to: new Date("2025-04-02T09:00:00Z") })).toHaveLength(2);
    expect(() => filterStory(story, { from: new Date("2025-05-01T00:00:00Z"), to: new Date("2025-04-01T00:00:00Z") })).toThrow();
    expect(() => filterStory(story, { dynamics: ["vibes" as "trust"] })).toThrow();
  });

  it("refuses events without a valid time", () => {
    expect(() => buildStory([buildEvent({ type: "x", at: new Date("nope") })])).toThrow();
  });
});

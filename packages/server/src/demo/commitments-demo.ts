import type { AllianceViewer } from "@trellis/core";
import type { MoveName } from "@trellis/core/commitments";
import { sql } from "kysely";
import type { ServerContext } from "../context";
import { createCommitment } from "../use-cases/commitments/create-commitment";
import { moveCommitment } from "../use-cases/commitments/move-commitment";
import { nudgeCommitment } from "../use-cases/commitments/nudge-commitment";
import { loadViewer } from "../use-cases/load-viewer";
import type { DemoAlliance } from "./seed-demo";

/** A party by seat key and the index of the person in the demo seat (0: the delegate). */
type Who = `${"northwind" | "greenfield" | "polymer" | "ocean" | "imr" | "rivermouth"}:${0 | 1}`;

interface Extra {
  message?: string;
  conditions?: string;
  dueAt?: string;
  timeZone?: string;
  answerBy?: string;
}

/** One demo conversation: who asks whom (or offers), the terms, and the moves that follow ("c" customer, "p" performer). */
interface DemoCommitment {
  key: string;
  title: string;
  conditions: string;
  customer: Who;
  performer: Who;
  opening?: "request" | "offer";
  at: string;
  dueAt: string;
  timeZone: string;
  message?: string;
  visibleTo?: Who[];
  moves: [speaker: "c" | "p", move: MoveName, at: string, extra?: Extra][];
}

/**
 * Three dozen commitments across the demo seats, June to November 2026, in every state: kept on
 * time and late, reneged, released with notice, declined, withdrawn, cancelled, an accepted and a
 * rejected renegotiation and one pending, counters and an offer, a commit-to-commit, reported
 * work waiting for a declaration, and loops overdue as of late November (one escalated and nudged).
 */
export const demoCommitments: DemoCommitment[] = [
  // Kept on time.
  { key: "volumes", title: "Baseline packaging volumes 2025", conditions: "Tonnes of packaging put on the Rivermouth market in 2025, per material, from Northwind's sales data", customer: "rivermouth:0", performer: "northwind:0", at: "2026-06-16T09:00:00Z", dueAt: "2026-07-15T15:00:00Z", timeZone: "Europe/Berlin", message: "We need this to size the sorting capacity.", moves: [["p", "promise", "2026-06-17T10:00:00Z", { message: "Our data team has it; you will get a CSV." }], ["p", "report", "2026-07-10T14:00:00Z", { message: "Uploaded to the shared folder." }], ["c", "accept", "2026-07-11T09:00:00Z", { message: "Thank you, exactly what we needed." }]] },
  { key: "trial-plan", title: "Sorting-line trial plan", conditions: "A two-page plan for a 4-week trial on Polymer Works' line: materials, volumes, measurements, safety", customer: "northwind:0", performer: "polymer:0", at: "2026-06-18T08:30:00Z", dueAt: "2026-07-31T15:00:00Z", timeZone: "Europe/Stockholm", moves: [["p", "promise", "2026-06-20T09:00:00Z"], ["p", "report", "2026-07-28T13:00:00Z"], ["c", "accept", "2026-07-30T08:00:00Z"]] },
  { key: "protocol", title: "Recyclability test protocol v1", conditions: "A written protocol to test flexible packaging recyclability, reviewed by two labs", customer: "greenfield:0", performer: "imr:0", at: "2026-06-20T07:00:00Z", dueAt: "2026-07-31T08:00:00Z", timeZone: "Asia/Tokyo", moves: [["p", "counter", "2026-06-22T02:00:00Z", { message: "Two lab reviews take longer; end of August works.", dueAt: "2026-08-28T08:00:00Z" }], ["c", "accept_counter", "2026-06-23T12:00:00Z"], ["p", "report", "2026-08-25T03:00:00Z"], ["c", "accept", "2026-08-27T14:00:00Z"]] },
  { key: "litter-data", title: "Beach litter survey data", conditions: "Counts of packaging items from the spring beach surveys, by brand and material", customer: "imr:0", performer: "ocean:0", at: "2026-07-01T06:00:00Z", dueAt: "2026-08-14T16:00:00Z", timeZone: "Africa/Lagos", moves: [["p", "promise", "2026-07-02T09:00:00Z"], ["p", "report", "2026-08-12T10:00:00Z"], ["c", "accept", "2026-08-13T02:00:00Z"]] },
  { key: "glossary", title: "Shared label glossary", conditions: "A glossary of on-pack recycling terms both brands will use", customer: "northwind:1", performer: "greenfield:1", at: "2026-07-06T09:00:00Z", dueAt: "2026-07-31T21:00:00Z", timeZone: "America/New_York", moves: [["p", "promise", "2026-07-08T14:00:00Z"], ["p", "report", "2026-07-30T19:00:00Z"], ["c", "accept", "2026-08-01T08:00:00Z"]] },
  { key: "collection-map", title: "Collection-point map", conditions: "A public map of every collection point in the region, with opening hours", customer: "ocean:0", performer: "rivermouth:0", at: "2026-08-03T09:00:00Z", dueAt: "2026-09-15T16:00:00Z", timeZone: "Europe/London", moves: [["p", "promise", "2026-08-04T08:00:00Z"], ["p", "report", "2026-09-10T15:00:00Z"], ["c", "accept", "2026-09-11T09:00:00Z"]] },
  { key: "lab-time", title: "Lab time for mono-material films", conditions: "Three days of IMR lab time to test Polymer Works' mono-material films", customer: "polymer:0", performer: "imr:0", opening: "offer", at: "2026-08-10T01:00:00Z", dueAt: "2026-10-09T08:00:00Z", timeZone: "Asia/Tokyo", message: "We have free capacity in September; happy to offer it.", moves: [["c", "accept_counter", "2026-08-12T08:00:00Z", { message: "Gladly accepted." }], ["p", "report", "2026-10-01T06:00:00Z"], ["c", "accept", "2026-10-02T09:00:00Z"]] },
  // Kept late.
  { key: "questionnaire", title: "Consumer survey questionnaire", conditions: "A 15-question survey on sorting habits, tested with 20 people", customer: "greenfield:0", performer: "northwind:1", at: "2026-07-14T13:00:00Z", dueAt: "2026-08-20T15:00:00Z", timeZone: "Europe/Berlin", moves: [["p", "promise", "2026-07-15T08:00:00Z"], ["p", "report", "2026-09-02T10:00:00Z", { message: "Sorry for the delay: the pre-test ran over the holidays." }], ["c", "accept", "2026-09-04T13:00:00Z"]] },
  { key: "datasheets", title: "Polymer grade datasheets", conditions: "Datasheets for every PE and PP grade Polymer Works supplies to coalition members", customer: "rivermouth:0", performer: "polymer:0", at: "2026-08-17T09:00:00Z", dueAt: "2026-09-18T15:00:00Z", timeZone: "Europe/Stockholm", moves: [["p", "promise", "2026-08-18T07:00:00Z"], ["p", "report", "2026-09-29T12:00:00Z"], ["c", "reject_report", "2026-09-30T09:00:00Z", { message: "The PP grades are missing." }], ["p", "report", "2026-10-06T12:00:00Z", { message: "PP grades added." }], ["c", "accept", "2026-10-07T08:00:00Z"]] },
  { key: "pilot-budget", title: "Pilot budget breakdown", conditions: "The deposit pilot's budget per cost line, with each member's share", customer: "northwind:0", performer: "greenfield:0", at: "2026-09-01T08:00:00Z", dueAt: "2026-09-30T21:00:00Z", timeZone: "America/New_York", visibleTo: ["northwind:0", "greenfield:0"], moves: [["p", "promise", "2026-09-02T14:00:00Z"], ["p", "report", "2026-10-05T15:00:00Z"], ["c", "accept", "2026-10-06T08:00:00Z"]] },
  // Renegotiations: accepted, pending now, rejected.
  { key: "deposit-design", title: "Deposit-return pilot design", conditions: "A pilot design for a deposit on beverage bottles in two districts: mechanics, retailers, reporting", customer: "rivermouth:0", performer: "greenfield:0", at: "2026-08-24T09:00:00Z", dueAt: "2026-10-16T21:00:00Z", timeZone: "America/New_York", moves: [["p", "promise", "2026-08-26T13:00:00Z"], ["p", "propose_renegotiation", "2026-10-05T14:00:00Z", { message: "The retailers' data comes four weeks late; I propose mid-November and one district first.", dueAt: "2026-11-13T21:00:00Z", conditions: "A pilot design for a deposit on beverage bottles in one district first, then two: mechanics, retailers, reporting" }], ["c", "accept_renegotiation", "2026-10-07T08:00:00Z", { message: "Agreed: better one district done well." }], ["p", "report", "2026-11-10T16:00:00Z"], ["c", "accept", "2026-11-12T09:00:00Z"]] },
  { key: "funding-bid", title: "Joint funding bid draft", conditions: "A first full draft of the EU funding bid, all work packages written", customer: "ocean:0", performer: "imr:0", at: "2026-10-12T08:00:00Z", dueAt: "2026-12-04T08:00:00Z", timeZone: "Asia/Tokyo", moves: [["p", "promise", "2026-10-14T01:00:00Z"], ["p", "propose_renegotiation", "2026-11-19T02:00:00Z", { message: "The call deadline moved; two more weeks would let us add the pilot results.", dueAt: "2026-12-18T08:00:00Z" }]] },
  { key: "comms-kit", title: "Pilot communication kit", conditions: "Posters, social posts and a press note explaining the pilot to residents", customer: "greenfield:1", performer: "ocean:0", at: "2026-09-14T14:00:00Z", dueAt: "2026-10-30T16:00:00Z", timeZone: "Africa/Lagos", moves: [["p", "promise", "2026-09-15T09:00:00Z"], ["p", "propose_renegotiation", "2026-10-20T09:00:00Z", { message: "Could we have three more weeks?", dueAt: "2026-11-20T16:00:00Z" }], ["c", "reject_renegotiation", "2026-10-22T14:00:00Z", { message: "The launch date is fixed, sorry; the posters matter most." }], ["p", "report", "2026-10-29T15:00:00Z"], ["c", "accept", "2026-10-30T10:00:00Z"]] },
  // Reneged.
  { key: "take-back", title: "Retailer take-back commitments", conditions: "Written take-back commitments from three Greenfield retail partners", customer: "northwind:0", performer: "greenfield:1", at: "2026-07-20T09:00:00Z", dueAt: "2026-09-15T21:00:00Z", timeZone: "America/New_York", moves: [["p", "promise", "2026-07-22T13:00:00Z"], ["p", "renege", "2026-09-18T14:00:00Z", { message: "Our legal team blocked the letters; I should have said so earlier." }]] },
  { key: "yield-data", title: "Film recycling yield data", conditions: "Yield per film type from the September sorting runs", customer: "imr:1", performer: "polymer:0", at: "2026-09-07T08:00:00Z", dueAt: "2026-10-20T15:00:00Z", timeZone: "Europe/Stockholm", moves: [["p", "promise", "2026-09-08T08:00:00Z"], ["p", "renege", "2026-10-26T09:00:00Z"]] },
  // Released with notice.
  { key: "bin-stickers", title: "Municipal bin sticker design", conditions: "Sticker artwork for 4,000 household bins, in three languages", customer: "rivermouth:0", performer: "northwind:1", at: "2026-08-05T09:00:00Z", dueAt: "2026-09-25T15:00:00Z", timeZone: "Europe/Berlin", moves: [["p", "promise", "2026-08-07T08:00:00Z"], ["p", "revoke", "2026-09-01T08:00:00Z", { message: "Our design team was reassigned; I am telling you now so you can find someone in time." }]] },
  { key: "microplastics", title: "Marine microplastics briefing", conditions: "A four-page briefing on microplastics from packaging, for the members' boards", customer: "greenfield:0", performer: "ocean:0", at: "2026-09-20T12:00:00Z", dueAt: "2026-11-27T16:00:00Z", timeZone: "Africa/Lagos", moves: [["p", "promise", "2026-09-21T09:00:00Z"], ["p", "revoke", "2026-11-02T09:00:00Z", { message: "Our scientist left; I'd rather release this now than miss it." }]] },
  // Declined, withdrawn, rejected terms.
  { key: "supplier-prices", title: "Share supplier price lists", conditions: "Greenfield's current price list for recycled PET", customer: "northwind:0", performer: "greenfield:1", at: "2026-06-25T09:00:00Z", dueAt: "2026-07-10T21:00:00Z", timeZone: "America/New_York", visibleTo: ["northwind:0", "greenfield:1"], moves: [["p", "decline", "2026-06-26T14:00:00Z", { message: "Prices are competitively sensitive and outside the charter's pre-competitive scope." }]] },
  { key: "workshop-host", title: "Host the October workshop", conditions: "A room for 30 people and lunch on 14 October", customer: "imr:0", performer: "rivermouth:0", at: "2026-09-10T01:00:00Z", dueAt: "2026-10-14T08:00:00Z", timeZone: "Europe/London", moves: [["p", "decline", "2026-09-12T09:00:00Z", { message: "Our building is under renovation until November." }]] },
  { key: "translation", title: "Translate the charter into Swedish", conditions: "A reviewed Swedish translation of the charter", customer: "polymer:0", performer: "imr:1", at: "2026-07-03T08:00:00Z", dueAt: "2026-08-03T08:00:00Z", timeZone: "Europe/Stockholm", moves: [["c", "withdraw", "2026-07-05T08:00:00Z", { message: "Never mind: our board reads English." }]] },
  { key: "data-dumps", title: "Weekly sorting data exports", conditions: "A CSV export of sorting-line data every Monday", customer: "rivermouth:0", performer: "imr:1", at: "2026-10-01T09:00:00Z", dueAt: "2026-10-31T17:00:00Z", timeZone: "Europe/London", moves: [["p", "counter", "2026-10-02T08:00:00Z", { message: "Weekly is too much for us; monthly?", conditions: "A CSV export of sorting-line data on the first Monday of each month" }], ["c", "reject_counter", "2026-10-04T09:00:00Z", { message: "Monthly is too coarse for the model; we'll look elsewhere." }]] },
  // Cancelled.
  { key: "leaflets", title: "Print pilot leaflets", conditions: "10,000 leaflets printed and delivered to the district offices", customer: "ocean:0", performer: "northwind:0", at: "2026-08-20T09:00:00Z", dueAt: "2026-10-10T15:00:00Z", timeZone: "Europe/Berlin", moves: [["p", "promise", "2026-08-21T08:00:00Z"], ["c", "cancel", "2026-09-25T09:00:00Z", { message: "The pilot is postponed; please don't print yet." }]] },
  { key: "odour-test", title: "Odour test on recycled PE", conditions: "Odour panel results for three recycled PE samples", customer: "polymer:0", performer: "imr:0", at: "2026-09-15T07:00:00Z", dueAt: "2026-10-23T08:00:00Z", timeZone: "Asia/Tokyo", moves: [["p", "promise", "2026-09-16T01:00:00Z"], ["p", "report", "2026-10-21T03:00:00Z"], ["c", "cancel", "2026-10-24T07:00:00Z", { message: "The customer dropped the product; we no longer need the results. Thank you." }]] },
  // Open, on track.
  { key: "cost-model", title: "Regional sorting cost model", conditions: "A spreadsheet model of sorting costs per tonne for three scenarios", customer: "rivermouth:0", performer: "imr:1", at: "2026-11-18T09:00:00Z", dueAt: "2026-12-15T17:00:00Z", timeZone: "Europe/London", moves: [] },
  { key: "co-fund", title: "Co-fund the deposit pilot", conditions: "A board decision on co-funding 25% of the pilot budget", customer: "greenfield:0", performer: "northwind:0", at: "2026-11-16T14:00:00Z", dueAt: "2026-12-11T15:00:00Z", timeZone: "Europe/Berlin", moves: [["p", "commit_to_commit", "2026-11-17T09:00:00Z", { message: "Our board meets on the 26th; I'll tell you by the 27th.", answerBy: "2026-11-27T15:00:00Z" }]] },
  { key: "emission-factors", title: "Quarterly emission factors", conditions: "Emission factors for every packaging material members use, updated quarterly", customer: "northwind:0", performer: "imr:0", at: "2026-11-09T08:00:00Z", dueAt: "2026-11-30T08:00:00Z", timeZone: "Asia/Tokyo", moves: [["p", "counter", "2026-11-11T02:00:00Z", { message: "All materials is a year's work; the top ten by tonnage by 20 December?", conditions: "Emission factors for the ten packaging materials with the most tonnage, updated quarterly", dueAt: "2026-12-20T08:00:00Z" }]] },
  { key: "guest-lecture", title: "Guest lecture on marine litter", conditions: "A 45-minute talk for Greenfield's product teams, with Q&A", customer: "greenfield:0", performer: "ocean:0", opening: "offer", at: "2026-11-19T10:00:00Z", dueAt: "2026-12-10T14:00:00Z", timeZone: "Africa/Lagos", message: "Would your teams like to hear what we find on the beaches?", moves: [] },
  { key: "bottle-run", title: "Bottle-to-bottle test run", conditions: "One production run with 50% recycled PET, with quality results", customer: "polymer:0", performer: "greenfield:1", at: "2026-10-20T08:00:00Z", dueAt: "2026-11-20T21:00:00Z", timeZone: "America/New_York", moves: [["p", "counter", "2026-10-22T14:00:00Z", { message: "Our line is booked until December.", dueAt: "2026-12-18T21:00:00Z" }], ["c", "counter_again", "2026-10-24T08:00:00Z", { message: "Could you do 4 December? We present at the member assembly on the 8th.", dueAt: "2026-12-04T21:00:00Z" }], ["p", "promise", "2026-10-27T14:00:00Z", { message: "4 December it is." }]] },
  { key: "claim-guidance", title: "Recycled-content claim guidance", conditions: "Guidance on how members may claim recycled content on pack, checked against EU rules", customer: "northwind:1", performer: "imr:0", at: "2026-11-02T08:00:00Z", dueAt: "2026-12-09T08:00:00Z", timeZone: "Asia/Tokyo", moves: [["p", "promise", "2026-11-03T01:00:00Z"]] },
  { key: "calibration", title: "Sensor calibration report", conditions: "Calibration report for both near-infrared sensors, both batches", customer: "polymer:0", performer: "imr:1", at: "2026-10-10T08:00:00Z", dueAt: "2026-12-01T17:00:00Z", timeZone: "Europe/London", moves: [["p", "promise", "2026-10-11T09:00:00Z"], ["p", "report", "2026-11-16T10:00:00Z"], ["c", "reject_report", "2026-11-18T08:00:00Z", { message: "The second batch is missing." }]] },
  // Overdue as of late November.
  { key: "collection-q3", title: "Collection data Q3", conditions: "Q3 collection tonnages per district and material", customer: "northwind:0", performer: "rivermouth:0", at: "2026-10-05T08:00:00Z", dueAt: "2026-11-20T16:00:00Z", timeZone: "Europe/London", moves: [["p", "promise", "2026-10-06T09:00:00Z"], ["p", "report", "2026-11-19T15:00:00Z", { message: "Sent by email and in the shared folder." }]] },
  { key: "dfr-checklist", title: "Design-for-recycling checklist", conditions: "A checklist product teams can use to check a new pack's recyclability", customer: "greenfield:0", performer: "polymer:0", at: "2026-09-28T12:00:00Z", dueAt: "2026-11-06T15:00:00Z", timeZone: "Europe/Stockholm", moves: [["p", "promise", "2026-09-30T08:00:00Z", { message: "Yes, by early November." }]] },
  { key: "sensor-data", title: "Shared sorting-line sensor data", conditions: "Raw sensor data from Northwind's packaging line for the IMR model", customer: "imr:0", performer: "northwind:0", at: "2026-10-15T01:00:00Z", dueAt: "2026-11-20T15:00:00Z", timeZone: "Europe/Berlin", moves: [["p", "promise", "2026-10-16T08:00:00Z"]] },
  { key: "shelf-space", title: "Label pilot shelf space", conditions: "Shelf space in five Greenfield-supplied stores for the label pilot", customer: "ocean:0", performer: "greenfield:1", at: "2026-11-03T10:00:00Z", dueAt: "2026-11-17T21:00:00Z", timeZone: "America/New_York", moves: [] },
  { key: "retail-partners", title: "Retail partner list", conditions: "The list of retailers Ocean Guardians would partner with for the pilot", customer: "northwind:1", performer: "ocean:0", at: "2026-10-26T09:00:00Z", dueAt: "2026-11-16T16:00:00Z", timeZone: "Africa/Lagos", moves: [["p", "counter", "2026-10-28T10:00:00Z", { message: "We can only name retailers our board has approved.", conditions: "The list of board-approved retailers Ocean Guardians would partner with for the pilot", dueAt: "2026-11-18T16:00:00Z" }]] },
  { key: "audit-access", title: "Access for the recycling audit", conditions: "Site access for two auditors on three days", customer: "imr:1", performer: "rivermouth:0", at: "2026-11-04T09:00:00Z", dueAt: "2026-11-26T17:00:00Z", timeZone: "Europe/London", moves: [["p", "promise", "2026-11-05T10:00:00Z"]] },
];

/** The demo's part for commitments: plays the conversations above in time order, then a facilitator's nudge. */
export async function seedCommitmentsDemo(ctx: ServerContext, demo: DemoAlliance): Promise<void> {
  const personOf = (who: Who) => {
    const [seatKey, index] = who.split(":") as [string, string];
    const seat = demo.seats.find((s) => s.key === seatKey);
    const person = seat?.people[Number(index)];
    if (!seat || !person) throw new Error(`The demo has no ${who}`);
    return { ...person, seatId: seat.seatId };
  };
  const viewers = new Map<string, AllianceViewer>();
  const viewerOf = async (personId: string, email: string, name: string) => {
    let viewer = viewers.get(personId);
    if (!viewer) {
      viewer = await loadViewer(ctx.db, demo.allianceId, { id: personId, email, displayName: name, isAdmin: false, timeZone: "UTC" });
      viewers.set(personId, viewer);
    }
    return viewer;
  };

  type Step = { at: string; order: number; run: () => Promise<void> };
  const steps: Step[] = [];
  const ids = new Map<string, { id: string; version: number }>();
  demoCommitments.forEach((script, index) => {
    const customer = personOf(script.customer);
    const performer = personOf(script.performer);
    const opening = script.opening ?? "request";
    const opener = opening === "request" ? customer : performer;
    const other = opening === "request" ? performer : customer;
    steps.push({
      at: script.at,
      order: index * 100,
      run: async () => {
        const created = await createCommitment(demo.at(script.at), await viewerOf(opener.id, opener.email, opener.name), demo.allianceId, {
          opening,
          title: script.title,
          conditions: script.conditions,
          dueAt: script.dueAt,
          timeZone: script.timeZone,
          seatId: opener.seatId,
          counterpart: { personId: other.id, seatId: other.seatId },
          ...(script.message ? { message: script.message } : {}),
          ...(script.visibleTo ? { visibility: { level: "seats" as const, seatIds: [...new Set(script.visibleTo.map((w) => personOf(w).seatId))] } } : {}),
        });
        ids.set(script.key, { id: created.id, version: created.version });
      },
    });
    script.moves.forEach(([speaker, move, at, extra], moveIndex) => {
      const who = speaker === "c" ? customer : performer;
      steps.push({
        at,
        order: index * 100 + moveIndex + 1,
        run: async () => {
          const current = ids.get(script.key);
          if (!current) throw new Error(`demo commitment ${script.key} moved before it was made`);
          const after = await moveCommitment(demo.at(at), await viewerOf(who.id, who.email, who.name), demo.allianceId, current.id, { version: current.version, move, ...extra });
          ids.set(script.key, { id: after.id, version: after.version });
        },
      });
    });
  });
  steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
  for (const step of steps) await step.run();

  const facilitator = await ctx.db.selectFrom("people").select(["id", "email", "display_name"]).where("id", "=", demo.facilitatorId).executeTakeFirstOrThrow();
  const checklist = ids.get("dfr-checklist");
  if (checklist) {
    await nudgeCommitment(demo.at("2026-11-18T08:00:00Z"), await viewerOf(facilitator.id, facilitator.email, facilitator.display_name), demo.allianceId, checklist.id, {
      message: "Sven, Greenfield is planning around this checklist. Could you give them a new date, or release it if it no longer fits?",
    });
  }
  // Older notifications read, as people would have: the inbox shows the last week as new.
  await ctx.db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`created_at + interval '1 day'` })
    .where("alliance_id", "=", demo.allianceId)
    .where("created_at", "<", new Date("2026-11-16T00:00:00Z"))
    .where("read_at", "is", null)
    .execute();
}

import { describe, expect, it } from "vitest";
import { recordLinkOf } from "./health.presenter";

// Evidence links must open the web app's own pages (packages/web/src/*/routes.tsx).
describe("recordLinkOf", () => {
  const alliance = "a1";
  it.each([
    ["commitment.reneged", "c1", {}, "commitment", "/alliances/a1/commitments/c1"],
    ["meeting.held", "m1", {}, "meeting", "/alliances/a1/meetings/m1"],
    ["agenda.item_added", "i1", { meetingId: "m1" }, "agenda_item", "/alliances/a1/meetings/m1"],
    ["position.taken", "p1", {}, "proposal", "/alliances/a1/proposals/p1"],
    ["clause.amended", "am1", {}, "amendment", "/alliances/a1/charter/amendments/am1"],
    ["charter.renewed", "r1", {}, "charter", "/alliances/a1/charter"],
    ["tension.raised", "t1", {}, "tension", "/alliances/a1/tensions/t1"],
    ["breakdown.named", "b1", {}, "breakdown", "/alliances/a1/breakdowns/b1"],
    ["assumption.tested", "as1", {}, "assumption", "/alliances/a1/assumptions/as1"],
    ["pulse.response_aggregate", "pu1", {}, "pulse", "/alliances/a1/pulses/pu1"],
    ["alignment.divergence_found", "map1", {}, "alignment_map", "/alliances/a1/alignment/map1"],
    ["seat.joined", "s1", {}, "seat", "/alliances/a1/commitments/ledger/s1"],
  ])("%s links to its page", (factType, recordId, payload, recordType, path) => {
    expect(recordLinkOf(alliance, factType, recordId, payload)).toEqual({ recordType, path });
  });
});

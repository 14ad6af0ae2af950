import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAllianceChain } from "@trellis/db";
import { startTestServer, type TestServer } from "../testing/test-server";
import { getCharterVersions, getCharterView } from "../use-cases/charter/show-charter";
import { getAmendmentView, listAmendmentPage } from "../use-cases/charter/show-amendment";
import { getDecisionLogPage } from "../use-cases/decisions/show-decision-log";
import { listProposalPage } from "../use-cases/decisions/show-proposal";
import { loadViewer } from "../use-cases/load-viewer";
import { demoFacilitatorEmail, seedDemo } from "./seed-demo";

const lateNovember = new Date("2026-11-24T12:00:00Z");

describe("the charter and decisions demo", () => {
  let server: TestServer;
  let allianceId: string;
  beforeAll(async () => {
    server = await startTestServer({ kind: "pglite", clock: () => lateNovember });
    allianceId = (await seedDemo(server.ctx)).allianceId;
  });
  afterAll(async () => server?.close());

  it("has a charter with two versions, a pending amendment with its thread, and decisions of several methods with a block", async () => {
    const ctx = server.ctx;
    const mara = await ctx.db.selectFrom("people").select(["id", "email", "display_name"]).where("email", "=", demoFacilitatorEmail).executeTakeFirstOrThrow();
    const viewer = await loadViewer(ctx.db, allianceId, { id: mara.id, email: mara.email, displayName: mara.display_name, isAdmin: false, timeZone: "UTC" });

    const charter = await getCharterView(ctx, viewer, allianceId);
    expect(charter.version).toBe(2);
    expect((await getCharterVersions(ctx, viewer, allianceId)).items.map((v) => v.version)).toEqual([2, 1]);
    const principle = charter.sections.find((s) => s.section === "principles")!.clauses[0]!;
    expect(principle.text).toContain("within six months");
    expect(principle.authors.amendedBy.map((s) => s.name)).toEqual(["Greenfield Beverages"]);
    expect(charter.authorship.seats.every((s) => s.total > 0)).toBe(true);
    expect(charter.rules.decisionQuorum).toEqual({ numerator: 2, denominator: 3 });
    expect(charter.renewal).toMatchObject({ nextDueOn: "2027-06-16", isOverdue: false });

    const pending = await listAmendmentPage(ctx, viewer, allianceId, { states: ["open"], limit: 10 });
    expect(pending.items).toHaveLength(1);
    const amendment = await getAmendmentView(ctx, viewer, allianceId, pending.items[0]!.id);
    expect(amendment.ratification).toMatchObject({ verdict: "pending" });
    expect(amendment.ratification.consentingSeats).toHaveLength(3);
    expect(amendment.commentCount).toBe(2);

    const proposals = await listProposalPage(ctx, viewer, allianceId, { limit: 50 });
    expect(new Set(proposals.items.map((p) => p.method.kind))).toEqual(new Set(["consent", "consensus", "ranked_choice", "weighted", "dot_vote", "advice", "meeting_time"]));
    expect(proposals.items.filter((p) => p.state === "open").map((p) => p.method.kind).sort()).toEqual(["advice", "meeting_time"]);
    for (const p of proposals.items) {
      expect(Date.parse(p.createdAt)).toBeGreaterThanOrEqual(Date.parse("2026-06-01T00:00:00Z"));
      expect(Date.parse(p.createdAt)).toBeLessThan(Date.parse("2026-12-01T00:00:00Z"));
    }

    const log = await getDecisionLogPage(ctx, viewer, allianceId, { limit: 50 });
    expect(log.items).toHaveLength(5);
    expect(log.items.every((e) => e.statement !== null)).toBe(true);
    const blocked = log.items.find((e) => e.method.kind === "consensus")!;
    expect(blocked).toMatchObject({ result: "failed", title: "Admit Crystal Springs as a partner" });
    expect(blocked.seats.find((s) => s.name === "Greenfield Beverages")?.part).toBe("block");
    expect(log.items.find((e) => e.method.kind === "consent")).toMatchObject({ result: "passed" });
    expect(log.items.find((e) => e.method.kind === "ranked_choice")).toMatchObject({ result: "chosen", chosen: [{ label: "Harbour" }] });
    expect(log.items.find((e) => e.method.kind === "weighted")).toMatchObject({ result: "passed" });
    expect(log.items.find((e) => e.method.kind === "dot_vote")).toMatchObject({ anonymous: true, result: "chosen", chosen: [{ label: "More sorting trials" }] });
    const anonymousRows = await ctx.db.selectFrom("decision_positions as p").innerJoin("decision_proposals as d", "d.id", "p.proposal_id").select("p.person_id").where("d.anonymous", "=", true).execute();
    expect(anonymousRows.length).toBe(7);
    expect(anonymousRows.every((r) => r.person_id === null)).toBe(true);

    expect(await verifyAllianceChain(ctx.db, allianceId)).toMatchObject({ ok: true });
  });
});

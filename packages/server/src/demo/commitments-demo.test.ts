import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitmentStates, replayCommitment, type CommitmentState } from "@trellis/core/commitments";
import { exportAlliance, importAlliance, loadLedgerCommitments, verifyAllianceChain } from "@trellis/db";
import { openTestDatabase } from "@trellis/db/testing";
import { capabilityDemoSteps } from "../capabilities";
import { startTestServer, type TestServer } from "../testing/test-server";
import { seedDemo } from "./seed-demo";
import { demoCommitments, seedCommitmentsDemo } from "./commitments-demo";

const lateNovember = new Date("2026-11-24T12:00:00Z");

describe("the commitments demo", () => {
  let server: TestServer;
  let allianceId: string;
  beforeAll(async () => {
    server = await startTestServer({ kind: "pglite", clock: () => lateNovember });
    // Only this capability's step, so the test speaks for the commitments demo alone.
    const others = capabilityDemoSteps.splice(0, capabilityDemoSteps.length);
    capabilityDemoSteps.push(seedCommitmentsDemo);
    try {
      allianceId = (await seedDemo(server.ctx)).allianceId;
    } finally {
      capabilityDemoSteps.splice(0, capabilityDemoSteps.length, ...others);
    }
  });
  afterAll(async () => server?.close());

  it("plays three dozen conversations into every state, with overdue loops and renegotiations, on a chain that verifies", async () => {
    const commitments = await loadLedgerCommitments(server.ctx.db, allianceId, null);
    expect(commitments).toHaveLength(demoCommitments.length);
    expect(commitments.length).toBeGreaterThanOrEqual(30);
    const states = new Set<CommitmentState>(commitments.map((c) => c.state));
    expect([...states].sort()).toEqual(commitmentStates.filter((s) => s !== "start").sort());
    const overdue = commitments.filter((c) => c.closedAt === null && Date.parse(c.state === "requested" && c.commitToCommitBy ? c.commitToCommitBy : c.dueAt) < lateNovember.getTime());
    expect(overdue.length).toBeGreaterThanOrEqual(4);
    const moves = commitments.flatMap((c) => c.history.map((m) => m.move));
    for (const move of ["accept_renegotiation", "reject_renegotiation", "propose_renegotiation", "offer", "commit_to_commit", "counter_again", "reject_report", "revoke", "renege"]) expect(moves).toContain(move);
    expect(commitments.some((c) => c.pendingRenegotiation !== null)).toBe(true);
    for (const c of commitments) expect(replayCommitment(c)).toEqual(c);
    expect(await verifyAllianceChain(server.ctx.db, allianceId)).toMatchObject({ ok: true });
    const nudged = await server.ctx.db.selectFrom("events").select("payload").where("alliance_id", "=", allianceId).where("type", "=", "commitment.nudged").execute();
    expect(nudged).toHaveLength(1);
    const unread = await server.ctx.db.selectFrom("notifications").select("id").where("alliance_id", "=", allianceId).where("read_at", "is", null).execute();
    expect(unread.length).toBeGreaterThan(0);
  });

  it("travels in the alliance's archive: exported and imported, every commitment and move comes back", async () => {
    const target = await openTestDatabase("pglite");
    try {
      const stream = new PassThrough();
      const exported = exportAlliance(server.ctx.db, allianceId, stream, { now: lateNovember }).then(() => stream.end());
      const imported = await importAlliance(target.db, stream);
      await exported;
      expect(imported.check).toMatchObject({ ok: true });
      const before = await loadLedgerCommitments(server.ctx.db, allianceId, null);
      const after = await loadLedgerCommitments(target.db, allianceId, null);
      expect(after).toEqual(before);
    } finally {
      await target.close();
    }
  });
});

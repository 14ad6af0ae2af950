import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveLabels, moveNames } from "@trellis/core/commitments";
import { openContext, readConfig } from "@trellis/server";
import { signUp } from "@trellis/server/use-cases/accounts/sign-up";
import { createAlliance } from "@trellis/server/use-cases/alliances/create-alliance";
import { addMember, addSeat } from "@trellis/server/use-cases/alliances/manage-seats";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import { createOrganization } from "@trellis/server/use-cases/organizations/create-organization";
import { runTrellis as trellis } from "../testing/run-trellis";


describe("trellis commitment create | move | list | show", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-commitment-cli-"));
  const db = ["--data-dir", dir];
  let slug: string;

  beforeAll(async () => {
    const ctx = await openContext(readConfig({ dataDir: dir, demo: false }, {}), () => {});
    try {
      const facilitator = await signUp(ctx, { email: "fay@example.org", password: "correct horse battery", displayName: "Fay Facilitator" });
      const alliance = await createAlliance(ctx, facilitator.id, { name: "CLI Coalition" });
      slug = alliance.slug;
      const fay = await loadViewer(ctx.db, alliance.id, { id: facilitator.id, email: "fay@example.org", displayName: "Fay", isAdmin: false, timeZone: "UTC" });
      for (const [email, name, org] of [
        ["ana@example.org", "Ana Asker", "Asker Org"],
        ["ben@example.org", "Ben Builder", "Builder Org"],
      ] as const) {
        const person = await signUp(ctx, { email, password: "correct horse battery", displayName: name });
        const seat = await addSeat(ctx, fay, alliance.id, { organizationId: (await createOrganization(ctx, { name: org, kind: "company" })).id });
        await addMember(ctx, fay, alliance.id, { personId: person.id, role: "delegate", seatId: seat.id });
      }
    } finally {
      await ctx.database.close();
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("explains every move with its label in --help", async () => {
    const help = await trellis("commitment", "move", "--help");
    expect(help.code).toBe(0);
    for (const name of moveNames) expect(help.out).toContain(`"${moveLabels[name]}"`);
    expect((await trellis("commitment", "--help")).out).toMatch(/create[\s\S]*move[\s\S]*list/);
  });

  it("creates a request as one person, moves it as the other, and lists the loops", async () => {
    const created = await trellis("commitment", "create", ...db, "--as", "ana@example.org", "--alliance", slug, "--to", "ben@example.org", "--title", "Share the field data", "--conditions", "One CSV per site", "--due", "2099-01-10T17:00:00+01:00", "--time-zone", "Europe/Berlin", "--message", "For the report", "--json");
    expect(created.code, created.err).toBe(0);
    const detail = JSON.parse(created.out) as { id: string; state: string; version: number; dueAt: string; availableMoves: { move: string }[] };
    expect(detail).toMatchObject({ state: "requested", version: 2, dueAt: "2099-01-10T16:00:00.000Z", availableMoves: [{ move: "withdraw" }] });

    const waiting = await trellis("commitment", "list", ...db, "--as", "ben@example.org", "--alliance", slug, "--loops", "waits-on-me");
    expect(waiting.out).toContain("Waiting on you: 1 (0 overdue)");
    expect(waiting.out).toContain("“Share the field data”");
    expect(waiting.out).toContain("to answer the request");

    const promised = await trellis("commitment", "move", detail.id, "promise", ...db, "--as", "ben@example.org", "--message", "On it");
    expect(promised.code, promised.err).toBe(0);
    expect(promised.out).toContain("— promised (version 3)");
    expect(promised.out).toContain("Ben Builder (performer): Promise — “On it”");
    expect(promised.out).toContain("you may now: Report done (report), Propose new terms (propose_renegotiation), Release my promise (revoke)");

    const stale = await trellis("commitment", "move", detail.id, "report", ...db, "--as", "ben@example.org", "--version", "2");
    expect(stale.code).toBe(1);
    expect(stale.err).toContain("Someone moved this commitment first");
    const illegal = await trellis("commitment", "move", detail.id, "accept", ...db, "--as", "ben@example.org");
    expect(illegal.code).toBe(1);
    expect(illegal.err).toContain("\"Accept as done\" is not a possible move while the commitment is promised");
    expect((await trellis("commitment", "move", detail.id, "fly", ...db, "--as", "ben@example.org")).err).toContain("Unknown move fly");

    const renegotiate = await trellis("commitment", "move", detail.id, "propose_renegotiation", ...db, "--as", "ben@example.org", "--due", "2099-02-01T17:00:00+01:00");
    expect(renegotiate.out).toContain("proposed:    by the performer; due 2099-02-01T16:00:00.000Z");

    const list = await trellis("commitment", "list", ...db, "--as", "ana@example.org", "--alliance", slug, "--mine", "--status", "open");
    expect(list.out).toMatch(/promised\s+due 2099-01-10 17:00 Europe\/Berlin {2}“Share the field data” {2}Ana Asker \(Asker Org\) → Ben Builder \(Builder Org\)/);
    const shown = await trellis("commitment", "show", detail.id, ...db, "--as", "ana@example.org");
    expect(shown.out).toContain("you may now: Cancel (cancel), Accept new terms (accept_renegotiation), Reject new terms (reject_renegotiation)");
    expect((await trellis("commitment", "list", ...db, "--as", "ana@example.org", "--alliance", slug, "--q", "nothing-like-this")).out).toContain("No commitments match.");
    expect((await trellis("commitment", "list", ...db, "--as", "nobody@example.org", "--alliance", slug)).err).toContain("No person with the email nobody@example.org");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext, readConfig, type ServerContext } from "@trellis/server";
import { signUp } from "@trellis/server/use-cases/accounts/sign-up";
import { createAlliance } from "@trellis/server/use-cases/alliances/create-alliance";
import { addMember, addSeat } from "@trellis/server/use-cases/alliances/manage-seats";
import { answerAmendment } from "@trellis/server/use-cases/charter/answer-amendment";
import { createCharter } from "@trellis/server/use-cases/charter/create-charter";
import { proposeAmendment } from "@trellis/server/use-cases/charter/propose-amendment";
import { getCharterView } from "@trellis/server/use-cases/charter/show-charter";
import { closeProposal } from "@trellis/server/use-cases/decisions/close-proposal";
import { createProposal } from "@trellis/server/use-cases/decisions/create-proposal";
import { recordOutcome } from "@trellis/server/use-cases/decisions/record-outcome";
import { takePosition } from "@trellis/server/use-cases/decisions/take-position";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import { createOrganization } from "@trellis/server/use-cases/organizations/create-organization";
import { runTrellis as trellis } from "../testing/run-trellis";


describe("trellis charter and trellis decision", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-charter-cli-"));
  const db = ["--data-dir", dir];
  let slug: string;
  let proposalId: string;

  beforeAll(async () => {
    const base = await openContext(readConfig({ dataDir: dir, demo: false }, {}), () => {});
    const at = (iso: string): ServerContext => ({ ...base, clock: () => new Date(iso) });
    try {
      const ctx = at("2026-06-10T09:00:00Z");
      const fay = await signUp(ctx, { email: "fay@example.org", password: "correct horse battery", displayName: "Fay Facilitator" });
      const alliance = await createAlliance(ctx, fay.id, { name: "CLI Charter Coalition" });
      slug = alliance.slug;
      const viewerOf = (id: string) => loadViewer(base.db, alliance.id, { id, email: "", displayName: "", isAdmin: false, timeZone: "UTC" });
      const seats: Record<string, string> = {};
      const people: Record<string, string> = {};
      for (const [key, email, name, org] of [
        ["ana", "ana@example.org", "Ana Asker", "Asker Org"],
        ["ben", "ben@example.org", "Ben Builder", "Builder Org"],
      ] as const) {
        const person = await signUp(ctx, { email, password: "correct horse battery", displayName: name });
        const seat = await addSeat(ctx, await viewerOf(fay.id), alliance.id, { organizationId: (await createOrganization(ctx, { name: org, kind: "company" })).id });
        await addMember(ctx, await viewerOf(fay.id), alliance.id, { personId: person.id, role: "delegate", seatId: seat.id });
        seats[key] = seat.id;
        people[key] = person.id;
      }
      await createCharter(ctx, await viewerOf(fay.id), alliance.id, {
        clauses: [
          { section: "purpose", text: "Share seed data openly.", writtenBy: { personId: people.ana!, seatId: seats.ana! } },
          { section: "scope", scopeSide: "out", text: "Prices are out of scope." },
        ],
      });
      const purpose = (await getCharterView(ctx, await viewerOf(fay.id), alliance.id)).sections[0]!.clauses[0]!.id;
      const amendment = await proposeAmendment(at("2026-06-12T09:00:00Z"), await viewerOf(people.ben!), alliance.id, { kind: "change", clauseId: purpose, proposedText: "Share seed data openly and early.", rationale: "Speed." });
      await answerAmendment(at("2026-06-13T09:00:00Z"), await viewerOf(people.ana!), alliance.id, amendment.id, { draft: 1, answer: "consent" });
      await answerAmendment(at("2026-06-13T10:00:00Z"), await viewerOf(people.ben!), alliance.id, amendment.id, { draft: 1, answer: "consent" });

      proposalId = (await createProposal(at("2026-06-20T09:00:00Z"), await viewerOf(people.ana!), alliance.id, { title: "Adopt the seed licence", method: { kind: "majority" }, closesAt: "2026-06-27T09:00:00Z" })).id;
      await takePosition(at("2026-06-21T09:00:00Z"), await viewerOf(people.ana!), alliance.id, proposalId, { value: { kind: "stance", stance: "agree" } });
      await closeProposal(at("2026-06-28T09:00:00Z"), await viewerOf(fay.id), alliance.id, proposalId);
      await recordOutcome(at("2026-06-28T10:00:00Z"), await viewerOf(fay.id), alliance.id, proposalId, { statement: "The seed licence is adopted.", reviewOn: "2027-01-10" });
    } finally {
      await base.database.close();
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("explains itself in --help", async () => {
    const charterHelp = await trellis("charter", "show", "--help");
    expect(charterHelp.out).toContain("--as <email>");
    expect(charterHelp.out).toContain("--version");
    const decisionHelp = await trellis("decision", "--help");
    for (const command of ["list", "show", "log", "close-due"]) expect(decisionHelp.out).toContain(command);
  });

  it("shows the charter with authorship, an earlier version and a diff", async () => {
    const shown = await trellis("charter", "show", slug, "--as", "ben@example.org", ...db);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain("Charter version 2 (in force)");
    expect(shown.out).toContain("Share seed data openly and early.");
    expect(shown.out).toContain("written by Asker Org; amended by Builder Org (revision 2)");
    expect(shown.out).toContain("Renewal every 12 months.");
    const old = await trellis("charter", "show", slug, "--version", "1", "--as", "ben@example.org", ...db);
    expect(old.out).toContain("the version in force is 2");
    const diff = await trellis("charter", "diff", slug, "--from", "1", "--as", "ana@example.org", ...db);
    expect(diff.out).toContain("{+ and early+}");
    const json = JSON.parse((await trellis("charter", "show", slug, "--as", "ana@example.org", "--json", ...db)).out) as { version: number };
    expect(json.version).toBe(2);
    const amendments = await trellis("charter", "amendments", slug, "--as", "ana@example.org", ...db);
    expect(amendments.out).toContain("ratified");
  });

  it("lists and shows decisions and exports the log", async () => {
    const list = await trellis("decision", "list", slug, "--as", "ben@example.org", ...db);
    expect(list.code).toBe(0);
    expect(list.out).toContain("“Adopt the seed licence”");
    expect(list.out).toContain("passed");
    const shown = await trellis("decision", "show", slug, proposalId, "--as", "ben@example.org", ...db);
    expect(shown.out).toContain("result:    passed");
    expect(shown.out).toContain("did not take part");
    const log = await trellis("decision", "log", slug, "--format", "csv", "--as", "ben@example.org", ...db);
    expect(log.out).toContain("The seed licence is adopted.");
  });

  it("refuses a stranger and bad options with a clear message", async () => {
    expect((await trellis("charter", "show", slug, "--as", "nobody@example.org", ...db)).err).toContain("No person with the email");
    expect((await trellis("charter", "show", "no-such-alliance", "--as", "ana@example.org", ...db)).code).toBe(1);
    expect((await trellis("decision", "list", slug, "--state", "sideways", "--as", "ana@example.org", ...db)).err).toContain("--state is open or closed");
    expect((await trellis("charter", "show", slug, ...db)).code).not.toBe(0);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext, readConfig, type ServerContext } from "@trellis/server";
import { signUp } from "@trellis/server/use-cases/accounts/sign-up";
import { createAlliance } from "@trellis/server/use-cases/alliances/create-alliance";
import { addMember, addSeat } from "@trellis/server/use-cases/alliances/manage-seats";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import { createOrganization } from "@trellis/server/use-cases/organizations/create-organization";
import { nameBreakdown } from "@trellis/server/use-cases/registers/name-breakdown";
import { raiseTension } from "@trellis/server/use-cases/registers/raise-tension";
import { runTrellis as trellis } from "../testing/run-trellis";

describe("trellis story", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-story-cli-"));
  const db = ["--data-dir", dir];
  let slug: string;

  beforeAll(async () => {
    let now = new Date("2026-07-01T09:00:00Z");
    const ctx: ServerContext = await openContext(readConfig({ dataDir: dir, demo: false }, {}), () => {}, () => now);
    try {
      const facilitator = await signUp(ctx, { email: "fay@example.org", password: "correct horse battery", displayName: "Fay Facilitator" });
      const alliance = await createAlliance(ctx, facilitator.id, { name: "Story Coalition" });
      slug = alliance.slug;
      const fay = await loadViewer(ctx.db, alliance.id, { id: facilitator.id, email: "fay@example.org", displayName: "Fay", isAdmin: false, timeZone: "UTC" });
      const viewers = [];
      for (const [email, name, org] of [
        ["ana@example.org", "Ana Asker", "Asker Foods"],
        ["ben@example.org", "Ben Builder", "Builder Bottles"],
      ] as const) {
        const person = await signUp(ctx, { email, password: "correct horse battery", displayName: name });
        const seat = await addSeat(ctx, fay, alliance.id, { organizationId: (await createOrganization(ctx, { name: org, kind: "company" })).id });
        await addMember(ctx, fay, alliance.id, { personId: person.id, role: "delegate", seatId: seat.id });
        viewers.push({ viewer: await loadViewer(ctx.db, alliance.id, { id: person.id, email, displayName: name, isAdmin: false, timeZone: "UTC" }), seatId: seat.id });
      }
      const [ana, ben] = viewers as [(typeof viewers)[number], (typeof viewers)[number]];
      now = new Date("2026-07-14T10:00:00Z");
      await nameBreakdown(ctx, ana.viewer, alliance.id, { whatHappened: "The July data drop was late", whatWasExpected: "On the 1st", impact: "Analysis slipped", seatIds: [ana.seatId, ben.seatId] });
      now = new Date("2026-08-03T10:00:00Z");
      await nameBreakdown(ctx, ana.viewer, alliance.id, {
        whatHappened: "Our own costing was wrong",
        whatWasExpected: "Right costs",
        impact: "A week lost",
        seatIds: [ana.seatId],
        visibility: { level: "seats", seatIds: [ana.seatId] },
      });
      now = new Date("2026-09-10T10:00:00Z");
      await raiseTension(ctx, ben.viewer, alliance.id, { summary: "Asker sets every agenda", target: { kind: "seat", seatId: ana.seatId }, anonymous: false });
    } finally {
      await ctx.database.close();
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("tells what everyone in the alliance may see, by month, as text", async () => {
    const { code, out } = await trellis("story", slug, ...db);
    expect(code).toBe(0);
    expect(out).toMatch(/^The story of Story Coalition\n\nJuly 2026\n/);
    expect(out).toContain("  14 July      Ana Asker named a breakdown: 'The July data drop was late' (involving Asker Foods and Builder Bottles) (language)");
    expect(out).toContain("September 2026\n  10 September Builder Bottles raised a tension toward Asker Foods: 'Asker sets every agenda' (candor)");
    expect(out).not.toContain("Our own costing");
  });

  it("tells it as a person sees it, filtered, as Markdown or JSON", async () => {
    expect((await trellis("story", slug, "--as", "ana@example.org", ...db)).out).toContain("Our own costing was wrong");
    expect((await trellis("story", slug, "--as", "ben@example.org", ...db)).out).not.toContain("Our own costing was wrong");
    const markdown = await trellis("story", slug, "--markdown", "--dynamic", "candor", ...db);
    expect(markdown.out).toBe(
      "# The story of Story Coalition\n\n_Events on candor_\n\n## September 2026\n\n- **10 September** — Builder Bottles raised a tension toward Asker Foods: 'Asker sets every agenda'. _(candor)_\n",
    );
    const json = JSON.parse((await trellis("story", slug, "--json", "--seat", "builder bottles", "--from", "2026-07-02", "--to", "2026-07-31", ...db)).out) as { count: number; entries: { type: string }[] };
    expect(json.entries.map((entry) => entry.type)).toEqual(["breakdown.named"]);
  });

  it("writes a PDF, and refuses bad filters with a clear message", async () => {
    const file = path.join(dir, "story.pdf");
    const written = await trellis("story", slug, "--pdf", file, ...db);
    expect(written.code).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const badDate = await trellis("story", slug, "--from", "2026-02-30", ...db);
    expect(badDate.code).toBe(1);
    expect(badDate.err).toContain("--from takes a date written YYYY-MM-DD");
    expect((await trellis("story", slug, "--dynamic", "vibes", ...db)).err).toContain("No dynamic vibes");
    expect((await trellis("story", slug, "--seat", "Nobody Inc", ...db)).err).toContain("No seat Nobody Inc");
    expect((await trellis("story", "no-such-alliance", ...db)).err).toContain("No alliance no-such-alliance");
  });
});

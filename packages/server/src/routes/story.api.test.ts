import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layOutStory } from "@trellis/core/story";
import { testDatabaseKinds } from "@trellis/db/testing";
import { renderStoryPdf } from "../presenters/story-pdf.presenter";
import { startTestServer, type TestServer } from "../testing/test-server";
import { runPulseCycle } from "../use-cases/pulses/close-pulse";
import { publishAnonymousTensions } from "../use-cases/registers/publish-anonymous-tensions";
import { buildLanguageAlliance, signInAgain, type LanguageAlliance } from "./language.test-support";

const kinds = await testDatabaseKinds();

interface Entry {
  eventId: string;
  type: string;
  at: string;
  day: string;
  month: string;
  monthHeading: string;
  dynamic: string;
  headline: string;
  seats: { id: string; name: string; role?: string }[];
  record: { type: string; id: string } | null;
}
interface Story {
  title: string;
  subtitle: string | null;
  count: number;
  entries: Entry[];
}

/** The text pdfkit draws, read back from an uncompressed PDF (hex strings inside TJ arrays). */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const runs = [...source.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((match) =>
    [...(match[1] ?? "").matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1] ?? "", "hex").toString("latin1")).join(""),
  );
  return runs.join("\n");
}

describe.each(kinds)("the alliance's story over HTTP on %s", (kind) => {
  let server: TestServer;
  let now = new Date("2026-07-01T09:00:00Z");
  let a: LanguageAlliance;
  let url: string;
  let privateBreakdown: string;

  beforeAll(async () => {
    server = await startTestServer({ kind, clock: () => now });
    a = await buildLanguageAlliance(server, "sty");
    url = `/api/v1/alliances/${a.allianceId}`;
    const home = await a.facilitator.client.get<{ version: number }>(url);
    now = new Date("2026-07-02T09:00:00Z");
    expect((await a.facilitator.client.patch(url, { version: home.body.version, stage: "active" })).status).toBe(200);

    now = new Date("2026-07-06T10:00:00Z");
    const breakdown = await a.eliMemberB.client.post<{ id: string }>(`${url}/breakdowns`, {
      whatHappened: "The pilot bins were delivered to the wrong district",
      whatWasExpected: "Delivery to Harbour district",
      impact: "Two weeks lost",
      seatIds: [a.seats.b, a.seats.c],
    });
    now = new Date("2026-07-09T10:00:00Z");
    await a.facilitator.client.post(`${url}/breakdowns/${breakdown.body.id}/closure`, { version: 1, kind: "reinterpretation", reinterpretation: "The district map we shared was outdated" });
    const hidden = await a.anaDelegateA.client.post<{ id: string }>(`${url}/breakdowns`, {
      whatHappened: "Our own costing was wrong",
      whatWasExpected: "A right costing",
      impact: "Embarrassment",
      seatIds: [a.seats.a],
      visibility: { level: "seats", seatIds: [a.seats.a] },
    });
    privateBreakdown = hidden.body.id;

    now = new Date("2026-08-03T10:00:00Z");
    await signInAgain(a);
    const assumption = await a.dovDelegateB.client.post<{ id: string }>(`${url}/assumptions`, {
      statement: "Households will sort glass without a deposit",
      holder: { kind: "seat", seatId: a.seats.b },
      confidence: "high",
      testPlan: "Pilot in one street",
      reviewOn: "2026-09-01",
    });
    now = new Date("2026-08-20T10:00:00Z");
    await a.dovDelegateB.client.post(`${url}/assumptions/${assumption.body.id}/tests`, { version: 1, outcome: "invalidated", evidence: "Sorting rate stayed at 31%" });
    await a.fayDelegateC.client.post(`${url}/learnings`, {
      source: { kind: "experiment", title: "The glass street pilot" },
      whatHappened: "Sorting stayed low",
      whatWasLearned: "A deposit changes behaviour more than leaflets",
      whatChanges: "We propose a deposit pilot",
    });

    now = new Date("2026-09-02T10:00:00Z");
    await signInAgain(a);
    const named = await a.dovDelegateB.client.post<{ tension: { id: string } }>(`${url}/tensions`, { summary: "Acme decides logistics alone", target: { kind: "seat", seatId: a.seats.a }, anonymous: false });
    now = new Date("2026-09-03T10:00:00Z");
    await a.anaDelegateA.client.post(`${url}/tensions/${named.body.tension.id}/moves`, { version: 1, move: "start_dialogue" });
    now = new Date("2026-09-10T10:00:00Z");
    await a.anaDelegateA.client.post(`${url}/tensions/${named.body.tension.id}/moves`, { version: 2, move: "resolve", note: "Logistics decisions now go through the weekly call" });
    now = new Date("2026-09-14T15:00:00Z");
    await a.caiMemberA.client.post(`${url}/tensions`, { summary: "Blue Bottles never answers on time", target: { kind: "seat", seatId: a.seats.b }, anonymous: true });
    now = new Date("2026-09-15T00:05:00Z");
    await publishAnonymousTensions(server.ctx);

    now = new Date("2026-10-05T09:00:00Z");
    await signInAgain(a);
    const pulse = await a.facilitator.client.post<{ id: string }>(`${url}/pulses`, { opensAt: "2026-10-05T08:00:00Z", closesAt: "2026-10-12T08:00:00Z" });
    expect(pulse.status).toBe(201);
    now = new Date("2026-10-12T08:30:00Z");
    await runPulseCycle(server.ctx);
    now = new Date("2026-10-20T09:00:00Z");
  }, 120_000);
  afterAll(async () => server?.close());

  it("tells the events as plain sentences, oldest first, as each viewer may see them", async () => {
    const story = await a.eliMemberB.client.get<Story>(`${url}/story`);
    expect(story.status).toBe(200);
    expect(story.body.title).toBe("The story of sty Packaging Alliance");
    const headlines = story.body.entries.map((entry) => entry.headline);
    expect(headlines).toEqual(
      expect.arrayContaining([
        "The alliance became active",
        `${a.eliMemberB.name} named a breakdown: 'The pilot bins were delivered to the wrong district' (involving ${a.seatNames.b} and ${a.seatNames.c})`,
        "The breakdown 'The pilot bins were delivered to the wrong district' was reframed: 'The district map we shared was outdated'",
        `The assumption 'Households will sort glass without a deposit' held by ${a.seatNames.b} was invalidated`,
        "A learning was recorded from 'The glass street pilot': 'A deposit changes behaviour more than leaflets'",
        `S${a.seatNames.b.slice(1)} raised a tension toward ${a.seatNames.a}: 'Acme decides logistics alone'`,
        `The tension toward ${a.seatNames.a} was resolved: 'Logistics decisions now go through the weekly call'`,
        `A tension was raised toward ${a.seatNames.b} (anonymous): 'Blue Bottles never answers on time'`,
        "A pulse closed with 0 of 6 invited responding",
      ]),
    );
    const times = story.body.entries.map((entry) => entry.at);
    expect([...times].sort()).toEqual(times);
    // The anonymous tension is told on its day, not at its publication.
    expect(story.body.entries.find((entry) => entry.headline.includes("(anonymous)"))).toMatchObject({ at: "2026-09-14T00:00:00.000Z", day: "14 September", monthHeading: "September 2026", dynamic: "candor" });
    // Records the viewer may not see are not in their story; they are in their seat's.
    expect(story.body.entries.some((entry) => entry.record?.id === privateBreakdown)).toBe(false);
    expect((await a.benMemberA.client.get<Story>(`${url}/story`)).body.entries.some((entry) => entry.record?.id === privateBreakdown)).toBe(true);
    // Chatter (comments, who responded to a pulse) is not the story.
    expect(story.body.entries.some((entry) => entry.type.endsWith(".commented") || entry.type === "pulse.responded")).toBe(false);
  });

  it("filters by seat, dynamic and period", async () => {
    const bySeat = await a.observer.client.get<Story>(`${url}/story?seatIds=${a.seats.c}`);
    expect(bySeat.body.entries.length).toBeGreaterThan(0);
    expect(bySeat.body.entries.every((entry) => entry.seats.some((seat) => seat.id === a.seats.c))).toBe(true);
    expect(bySeat.body.subtitle).toBe(`Events involving ${a.seatNames.c}`);
    const candor = await a.observer.client.get<Story>(`${url}/story?dynamics=candor`);
    expect(candor.body.entries.map((entry) => entry.type)).toEqual(["tension.raised", "tension.dialogue_started", "tension.resolved", "tension.raised"]);
    const august = await a.observer.client.get<Story>(`${url}/story?from=2026-08-01&to=2026-08-31`);
    expect(august.body.entries.map((entry) => entry.type)).toEqual(["assumption.recorded", "assumption.invalidated", "learning.recorded"]);
    expect((await a.observer.client.get(`${url}/story?from=2026-09-01&to=2026-08-01`)).status).toBe(400);
    expect((await a.observer.client.get(`${url}/story?dynamics=vibes`)).status).toBe(400);
  });

  it("exports the story as Markdown and as PDF, with the same filters", async () => {
    const markdown = await a.observer.client.get<string>(`${url}/story/markdown?dynamics=language`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(markdown.body).toMatch(/^# The story of .*\n\n_Events on language_\n\n## July 2026\n/);
    expect(markdown.body).toContain("- **9 July** — The breakdown 'The pilot bins were delivered to the wrong district' was reframed");
    expect(markdown.body).not.toContain("tension");

    const pdf = await fetch(`${server.url}${url}/story/pdf`, { headers: { cookie: a.observer.client.cookieHeader() } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");

    // The PDF draws core's layout: the same months and sentences (read back uncompressed).
    const story = await a.observer.client.get<Story>(`${url}/story`);
    const entries = story.body.entries.map((entry) => ({ ...entry, at: new Date(entry.at), dynamic: entry.dynamic as "candor", seats: entry.seats }));
    const document = layOutStory(entries, { title: story.body.title, subtitle: null });
    const text = pdfText(await renderStoryPdf(document, { createdAt: now, compress: false }));
    expect(text).toContain(story.body.title);
    for (const month of document.months) expect(text).toContain(month.heading);
    const anonymousLine = text.split("\n").find((line) => line.includes("A tension was raised toward"));
    expect(anonymousLine).toBeDefined();
    expect(anonymousLine).not.toContain(a.caiMemberA.name);
  });
});

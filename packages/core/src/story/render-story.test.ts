import { describe, expect, it } from "vitest";
import { buildStory } from "./build-story";
import { escapeMarkdown, layOutStory, renderStoryMarkdown } from "./render-story";
import type { StoryEvent } from "./story-event";
import { calendarDayOf, parseStoryDay } from "./story-date";

const events: StoryEvent[] = [
  {
    id: "e1",
    type: "commitment.promised",
    at: new Date("2025-02-27T10:00:00Z"),
    actor: "Ana Ruiz",
    seats: [
      { id: "gl", name: "Greenfield Labs", role: "requester" },
      { id: "nw", name: "Northwind", role: "performer" },
    ],
    summary: { title: "Shared *test* protocol", dueOn: "2025-03-03" },
    record: { type: "commitment", id: "c1" },
  },
  { id: "e2", type: "charter.renewed", at: new Date("2025-03-31T23:30:00Z"), actor: null, seats: [], summary: {} },
  { id: "e3", type: "tension.raised", at: new Date("2025-03-05T08:00:00Z"), actor: null, seats: [{ id: "acme", name: "Acme", role: "target" }], summary: { anonymous: true } },
];

describe("rendering the story", () => {
  const story = buildStory(events);

  it("groups entries by month under headings", () => {
    const document = layOutStory(story, { title: "The story of Open Grid" });
    expect(document.months.map((month) => [month.key, month.heading, month.entries.length])).toEqual([
      ["2025-02", "February 2025", 1],
      ["2025-03", "March 2025", 2],
    ]);
    expect(document.months[1]!.entries.map((entry) => entry.day)).toEqual(["5 March", "31 March"]);
  });

  it("writes Markdown with escaped user text and optional record links", () => {
    const markdown = renderStoryMarkdown(story, {
      title: "The story of Open Grid",
      subtitle: "February to March 2025",
      linkFor: (record) => `https://trellis.example/records/${record.type}/${record.id}`,
    });
    expect(markdown).toBe(
      [
        "# The story of Open Grid",
        "",
        "_February to March 2025_",
        "",
        "## February 2025",
        "",
        "- **27 February** — [Northwind promised Greenfield Labs 'Shared \\*test\\* protocol' by 3 March.](<https://trellis.example/records/commitment/c1>) _(language)_",
        "",
        "## March 2025",
        "",
        "- **5 March** — A tension was raised toward Acme (anonymous). _(candor)_",
        "- **31 March** — The charter was renewed. _(rhythm)_",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to tell", () => {
    expect(renderStoryMarkdown([], { showDynamics: false })).toBe("# The story of the alliance\n\nNothing to tell yet.\n");
  });

  it("reads months and days in the alliance's time zone when asked", () => {
    const document = layOutStory(story, { timeZone: "Europe/Berlin" });
    // 23:30 UTC on 31 March is 1 April in Berlin.
    expect(document.months.map((month) => month.heading)).toEqual(["February 2025", "March 2025", "April 2025"]);
    expect(calendarDayOf(new Date("2025-03-31T23:30:00Z"), "Europe/Berlin")).toEqual({ year: 2025, month: 4, day: 1 });
    expect(() => calendarDayOf(new Date("2025-03-31T23:30:00Z"), "Mars/Olympus")).toThrow();
  });

  it("parses summary dates strictly", () => {
    expect(parseStoryDay("2025-02-30")).toBeNull();
    expect(parseStoryDay("soon")).toBeNull();
    expect(parseStoryDay("2025-03-03T23:00:00Z", "Asia/Tokyo")).toEqual({ year: 2025, month: 3, day: 4 });
  });

  it("escapes Markdown formatting characters", () => {
    expect(escapeMarkdown("a_b [c](d) <e> `f` ~g~ h|i")).toBe("a\\_b \\[c\\](d) \\<e\\> \\`f\\` \\~g\\~ h\\|i");
  });
});

import type { RecordLink } from "../registers/record-link";
import { calendarDayOf, formatStoryDay, formatStoryMonth } from "./story-date";
import type { StoryDynamic, StoryEntry, StorySeat } from "./story-event";

export interface StoryDocumentEntry {
  at: Date;
  /** "3 March". */
  day: string;
  headline: string;
  dynamic: StoryDynamic;
  seats: StorySeat[];
  record: RecordLink | null;
}

export interface StoryDocumentMonth {
  /** "2025-03". */
  key: string;
  /** "March 2025". */
  heading: string;
  entries: StoryDocumentEntry[];
}

/** The story laid out for export: a title and months in order. Markdown and PDF render the same layout. */
export interface StoryDocument {
  title: string;
  subtitle: string | null;
  months: StoryDocumentMonth[];
}

export interface StoryLayoutOptions {
  title?: string;
  /** A line under the title, e.g. the period and filters applied. */
  subtitle?: string | null;
  /** Time zone for month grouping and days (default UTC). */
  timeZone?: string;
}

/** Groups entries by calendar month (in order of time) under headings like "March 2025". */
export function layOutStory(entries: readonly StoryEntry[], options: StoryLayoutOptions = {}): StoryDocument {
  const months: StoryDocumentMonth[] = [];
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const entry of sorted) {
    const day = calendarDayOf(entry.at, options.timeZone);
    const key = `${day.year}-${String(day.month).padStart(2, "0")}`;
    let month = months[months.length - 1];
    if (!month || month.key !== key) {
      month = { key, heading: formatStoryMonth(day), entries: [] };
      months.push(month);
    }
    month.entries.push({ at: entry.at, day: formatStoryDay(day), headline: entry.headline, dynamic: entry.dynamic, seats: entry.seats, record: entry.record });
  }
  return { title: options.title ?? "The story of the alliance", subtitle: options.subtitle ?? null, months };
}

/** Escapes characters Markdown would read as inline formatting, so user text stays text (and raw Markdown stays readable). */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>~|])/g, "\\$1");
}

export interface RenderStoryMarkdownOptions extends StoryLayoutOptions {
  /** A URL for a record, to link each entry to it; omit for no links. */
  linkFor?: (record: RecordLink) => string | null;
  /** Show the dynamic after each entry (default true). */
  showDynamics?: boolean;
}

const dynamicLabels: Record<StoryDynamic, string> = {
  rhythm: "rhythm",
  language: "language",
  presence: "presence",
  authorship: "authorship",
  trust: "trust",
  candor: "candor",
  other: "",
};

/** Renders the story as Markdown: a title, a heading per month, one line per entry. */
export function renderStoryMarkdown(entries: readonly StoryEntry[], options: RenderStoryMarkdownOptions = {}): string {
  const document = layOutStory(entries, options);
  const lines: string[] = [`# ${escapeMarkdown(document.title)}`, ""];
  if (document.subtitle) lines.push(`_${escapeMarkdown(document.subtitle)}_`, "");
  if (document.months.length === 0) lines.push("Nothing to tell yet.", "");
  for (const month of document.months) {
    lines.push(`## ${month.heading}`, "");
    for (const entry of month.entries) {
      const sentence = /[.!?…]$/.test(entry.headline) ? entry.headline : `${entry.headline}.`;
      const url = entry.record && options.linkFor ? options.linkFor(entry.record) : null;
      const text = url ? `[${escapeMarkdown(sentence)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : escapeMarkdown(sentence);
      const label = options.showDynamics === false ? "" : dynamicLabels[entry.dynamic];
      lines.push(`- **${entry.day}** — ${text}${label ? ` _(${label})_` : ""}`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

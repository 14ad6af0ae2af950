import fs from "node:fs";
import { AppError, type AllianceViewer } from "@trellis/core";
import { layOutStory, renderStoryMarkdown, storyDynamics, type StoryDynamic } from "@trellis/core/story";
import { migrate, openDatabase, type Database } from "@trellis/db";
import { readConfig } from "@trellis/server";
import { renderStoryPdf } from "@trellis/server/presenters/story-pdf.presenter";
import { presentStoryEntry } from "@trellis/server/presenters/story.presenter";
import { tellAllianceStory } from "@trellis/server/routes/story.routes";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import type { Command } from "commander";

interface StoryOptions {
  markdown?: boolean;
  json?: boolean;
  pdf?: string;
  as?: string;
  seat?: string;
  dynamic?: string;
  from?: string;
  to?: string;
  databaseUrl?: string;
  dataDir?: string;
}

/** What everyone in the alliance may see: the story told when no person is named. */
const allianceWideViewer: AllianceViewer = { personId: "00000000-0000-0000-0000-000000000000", roles: ["observer"], seatIds: [], cleanTeamIds: [] };

async function allianceByRef(database: Database, ref: string): Promise<string> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const row = await database.db
    .selectFrom("alliances")
    .select("id")
    .where((eb) => (isUuid ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No alliance ${ref} (give its id or slug; \`trellis verify\` lists them).`);
  return row.id;
}

function parseDay(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw new AppError("validation_failed", `${flag} takes a date written YYYY-MM-DD, not ${value}.`);
  return day;
}

/** Seats named by id or by their organization's name (case-insensitive), comma-separated. */
async function resolveSeats(database: Database, allianceId: string, list: string | undefined): Promise<string[] | undefined> {
  if (!list) return undefined;
  const seats = await database.db.selectFrom("seats as s").innerJoin("organizations as o", "o.id", "s.organization_id").select(["s.id", "o.name"]).where("s.alliance_id", "=", allianceId).execute();
  return list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((wanted) => {
      const seat = seats.find((candidate) => candidate.id === wanted || candidate.name.toLowerCase() === wanted.toLowerCase());
      if (!seat) throw new AppError("not_found", `No seat ${wanted} in this alliance (seats: ${seats.map((s) => s.name).join(", ")}).`);
      return seat.id;
    });
}

/** trellis story <alliance>: the alliance's story as text, Markdown, JSON or a PDF file. */
export function registerStoryCommands(program: Command): void {
  program
    .command("story")
    .description("Tell an alliance's story: its events as a timeline of plain sentences, by month (anonymous authors are never named)")
    .argument("<alliance>", "alliance id or slug")
    .option("--markdown", "print Markdown (the web app's export)")
    .option("--json", "print JSON (the API's shape)")
    .option("--pdf <file>", "write the story as a PDF file")
    .option("--as <email>", "tell it as this person may see it (default: only what everyone in the alliance may see)")
    .option("--seat <seats>", "only entries involving these seats (comma-separated names or ids)")
    .option("--dynamic <dynamics>", `only these dynamics (comma-separated: ${storyDynamics.join(", ")})`)
    .option("--from <date>", "first day of the period (YYYY-MM-DD)")
    .option("--to <date>", "last day of the period (YYYY-MM-DD, inclusive)")
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)")
    .action(async (ref: string, options: StoryOptions) => {
      const dynamics = options.dynamic
        ?.split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      for (const dynamic of dynamics ?? []) {
        if (!(storyDynamics as readonly string[]).includes(dynamic)) throw new AppError("validation_failed", `No dynamic ${dynamic} (choose from ${storyDynamics.join(", ")}).`);
      }
      const from = parseDay("--from", options.from);
      const to = parseDay("--to", options.to);
      if (from && to && from.getTime() > to.getTime()) throw new AppError("validation_failed", "--to is before --from.");
      const config = readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
      const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
      try {
        await migrate(database.db);
        const allianceId = await allianceByRef(database, ref);
        let viewer = allianceWideViewer;
        if (options.as) {
          const person = await database.db.selectFrom("people").select(["id", "email", "display_name", "is_admin", "time_zone"]).where("email", "=", options.as.trim().toLowerCase()).executeTakeFirst();
          if (!person) throw new AppError("not_found", `No person with the email ${options.as}.`);
          viewer = await loadViewer(database.db, allianceId, { id: person.id, email: person.email, displayName: person.display_name, isAdmin: person.is_admin, timeZone: person.time_zone });
        }
        const filters = {
          seatIds: await resolveSeats(database, allianceId, options.seat),
          dynamics: dynamics as StoryDynamic[] | undefined,
          from,
          to: to ? new Date(to.getTime() + 86_400_000) : undefined,
        };
        const story = await tellAllianceStory(database.db, viewer, allianceId, filters);
        if (options.pdf) {
          const pdf = await renderStoryPdf(layOutStory(story.entries, { title: story.title, subtitle: story.subtitle }), { createdAt: new Date() });
          fs.writeFileSync(options.pdf, pdf);
          console.error(`Wrote ${story.entries.length} entries to ${options.pdf}.`);
          return;
        }
        if (options.json) {
          console.log(JSON.stringify({ title: story.title, subtitle: story.subtitle, count: story.entries.length, entries: story.entries.map((entry) => presentStoryEntry(entry)) }, null, 2));
          return;
        }
        if (options.markdown) {
          process.stdout.write(renderStoryMarkdown(story.entries, { title: story.title, subtitle: story.subtitle }));
          return;
        }
        const document = layOutStory(story.entries, { title: story.title, subtitle: story.subtitle });
        const lines = [document.title, ...(document.subtitle ? [document.subtitle] : []), ""];
        if (document.months.length === 0) lines.push("Nothing to tell yet.");
        for (const month of document.months) {
          lines.push(month.heading);
          for (const entry of month.entries) lines.push(`  ${entry.day.padEnd(12)} ${entry.headline}${entry.dynamic === "other" ? "" : ` (${entry.dynamic})`}`);
          lines.push("");
        }
        process.stdout.write(`${lines.join("\n").trimEnd()}\n`);
      } finally {
        await database.close();
      }
    });
}

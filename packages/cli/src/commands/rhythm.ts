import fs from "node:fs";
import { AppError } from "@trellis/core";
import { describeRrule, renderCalendar, viewOccurrenceIn } from "@trellis/core/rhythm";
import { isValidTimeZone } from "@trellis/core/rhythm/time-zone";
import { listMeetings, loadActiveCadences, loadMinutesVersion, migrate, openDatabase, type Database } from "@trellis/db";
import { readConfig } from "@trellis/server";
import { allianceCalendarEvents, cadenceKindLabels, feedWindow } from "@trellis/server/use-cases/rhythm/calendar-feeds";
import { listOccurrences } from "@trellis/server/use-cases/rhythm/list-occurrences";
import type { Command } from "commander";

interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
}

const dayMs = 24 * 3600_000;

const withDbOptions = (command: Command) =>
  command
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)");

async function openFromOptions(options: DbOptions): Promise<{ database: Database; publicUrl: string }> {
  const config = readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await migrate(database.db);
  return { database, publicUrl: config.publicUrl ?? `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}` };
}

async function resolveAlliance(database: Database, ref: string): Promise<{ id: string; name: string }> {
  const row = await database.db
    .selectFrom("alliances")
    .select(["id", "name"])
    .where((eb) => (/^[0-9a-f-]{36}$/i.test(ref) ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No alliance ${ref} (give its id or slug; \`trellis verify\` lists them).`);
  return row;
}

function instantOption(value: string | undefined, name: string, fallback: Date): Date {
  if (value === undefined) return fallback;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:\d{2}))?$/i.test(value) || Number.isNaN(ms)) throw new AppError("validation_failed", `--${name} must be a date (2026-12-01) or an instant with Z or an offset.`);
  return new Date(ms);
}

function zoneOption(value: string | undefined): string {
  const zone = value ?? "UTC";
  if (!isValidTimeZone(zone)) throw new AppError("validation_failed", `--time-zone ${zone} is not an IANA time zone like Europe/Berlin.`);
  return zone;
}

/** cadence list, cadence occurrences, meeting list, meeting minutes, calendar. */
export function registerRhythmCommands(program: Command): void {
  const cadence = program.command("cadence").description("An alliance's cadences: recurring meetings and renewals");

  withDbOptions(cadence.command("list").description("List an alliance's cadences with their rule in plain English and their next occurrence").argument("<alliance>", "alliance id or slug"))
    .option("--time-zone <zone>", "show the next occurrence in this IANA time zone too (default: UTC)")
    .option("--now <instant>", "count from this moment instead of now (for reproducible output)")
    .option("--json", "print JSON")
    .action(async (ref: string, options: DbOptions & { timeZone?: string; now?: string; json?: boolean }) => {
      const zone = zoneOption(options.timeZone);
      const now = instantOption(options.now, "now", new Date());
      const { database } = await openFromOptions(options);
      try {
        const alliance = await resolveAlliance(database, ref);
        const cadences = await loadActiveCadences(database.db, alliance.id, null);
        const rows = [];
        for (const c of cadences) {
          const next = (await listOccurrences(database.db, [c], { from: now, to: new Date(now.getTime() + 400 * dayMs), timeZone: zone, limit: 1 })).items[0] ?? null;
          rows.push({
            id: c.row.id,
            kind: c.row.kind,
            title: c.row.title,
            rule: describeRrule(c.row.rrule, { dtstart: c.row.dtstart, timeZone: c.row.time_zone }),
            rrule: c.row.rrule,
            durationMinutes: c.row.duration_minutes,
            next: next ? { occurrenceKey: next.occurrenceKey, start: next.start, label: viewOccurrenceIn(next, c.row.time_zone).label, view: next.view.label } : null,
          });
        }
        if (options.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) console.log(`${alliance.name} has no cadences yet.`);
        for (const row of rows) {
          console.log(`${row.title} (${cadenceKindLabels[row.kind] ?? row.kind}, ${row.durationMinutes} min)`);
          console.log(`  ${row.rule}`);
          console.log(`  next: ${row.next ? `${row.next.label}${row.next.view !== row.next.label ? ` = ${row.next.view}` : ""}` : "none"}`);
          console.log(`  id: ${row.id}`);
        }
      } finally {
        await database.close();
      }
    });

  withDbOptions(cadence.command("occurrences").description("List the occurrences of an alliance's cadences in a window, in a time zone of your choice").argument("<alliance>", "alliance id or slug"))
    .option("--from <instant>", "start of the window (default: now)")
    .option("--to <instant>", "end of the window (default: 90 days after --from; at most 400 days)")
    .option("--time-zone <zone>", "IANA time zone to show the times in (default: UTC)")
    .option("--json", "print JSON")
    .action(async (ref: string, options: DbOptions & { from?: string; to?: string; timeZone?: string; json?: boolean }) => {
      const zone = zoneOption(options.timeZone);
      const from = instantOption(options.from, "from", new Date());
      const to = instantOption(options.to, "to", new Date(from.getTime() + 90 * dayMs));
      const { database } = await openFromOptions(options);
      try {
        const alliance = await resolveAlliance(database, ref);
        const page = await listOccurrences(database.db, await loadActiveCadences(database.db, alliance.id, null), { from, to, timeZone: zone, limit: 10_000 });
        if (options.json) {
          console.log(JSON.stringify(page.items, null, 2));
          return;
        }
        for (const o of page.items) console.log(`${o.view.label}  ${o.cadenceTitle}${o.cancelled ? "  [cancelled]" : ""}${o.meeting ? `  [meeting ${o.meeting.status}, ${o.meeting.agendaItemCount} item(s)]` : ""}`);
      } finally {
        await database.close();
      }
    });

  const meeting = program.command("meeting").description("An alliance's meetings and their minutes");

  withDbOptions(meeting.command("list").description("List an alliance's meetings, newest first").argument("<alliance>", "alliance id or slug"))
    .option("--status <status>", "scheduled, in_progress, closed or cancelled")
    .action(async (ref: string, options: DbOptions & { status?: string }) => {
      const { database } = await openFromOptions(options);
      try {
        const alliance = await resolveAlliance(database, ref);
        const viewer = { personId: "cli", roles: ["facilitator" as const], seatIds: [], cleanTeamIds: [] };
        const rows = await listMeetings(database.db, alliance.id, viewer, { status: options.status, limit: 200 });
        for (const m of rows.slice(0, 200)) {
          console.log(`${m.scheduled_start.toISOString()}  ${m.status.padEnd(11)}  ${m.title}  (${Number(m.item_count ?? 0)} item(s)${m.minutes_version ? `, minutes v${m.minutes_version}` : ""})  ${m.id}`);
        }
      } finally {
        await database.close();
      }
    });

  withDbOptions(meeting.command("minutes").description("Print a meeting's minutes as Markdown (the latest version, or --version)").argument("<meeting>", "meeting id"))
    .option("--version <n>", "a version number")
    .action(async (meetingId: string, options: DbOptions & { version?: string }) => {
      if (!/^[0-9a-f-]{36}$/i.test(meetingId)) throw new AppError("validation_failed", "Give the meeting's id (trellis meeting list <alliance> shows them).");
      const version = options.version === undefined ? undefined : Number(options.version);
      if (version !== undefined && !(Number.isInteger(version) && version >= 1)) throw new AppError("validation_failed", "--version must be a whole number from 1.");
      const { database } = await openFromOptions(options);
      try {
        const minutes = await loadMinutesVersion(database.db, meetingId, version);
        if (!minutes) throw new AppError("not_found", "No such minutes (they are published when the meeting closes).");
        process.stdout.write(minutes.markdown);
      } finally {
        await database.close();
      }
    });

  withDbOptions(
    program
      .command("calendar")
      .description("Write an alliance's meetings as an iCalendar feed (RFC 5545): trellis calendar <alliance> > feed.ics")
      .argument("<alliance>", "alliance id or slug"),
  )
    .option("--from <instant>", `start of the window (default: ${feedWindow.pastDays} days ago)`)
    .option("--to <instant>", `end of the window (default: ${feedWindow.futureDays} days from now)`)
    .option("--now <instant>", "the feed's timestamp and the reference for the default window (default: now)")
    .option("-o, --out <file>", "write to this file instead of standard output")
    .action(async (ref: string, options: DbOptions & { from?: string; to?: string; now?: string; out?: string }) => {
      const now = instantOption(options.now, "now", new Date());
      const from = instantOption(options.from, "from", new Date(now.getTime() - feedWindow.pastDays * dayMs));
      const to = instantOption(options.to, "to", new Date(now.getTime() + feedWindow.futureDays * dayMs));
      if (to.getTime() <= from.getTime()) throw new AppError("validation_failed", "--to must be after --from.");
      const { database, publicUrl } = await openFromOptions(options);
      try {
        const alliance = await resolveAlliance(database, ref);
        const events = await allianceCalendarEvents(database.db, { allianceId: alliance.id, allianceName: alliance.name, viewer: null, from, to, publicUrl, prefixAllianceName: false });
        const ics = renderCalendar({ name: `${alliance.name} (Trellis)`, description: `Meetings of ${alliance.name}.`, dtstamp: now, events, refreshIntervalMinutes: 60 });
        if (options.out) {
          fs.writeFileSync(options.out, ics);
          process.stderr.write(`Wrote ${events.length} event(s) to ${options.out}.\n`);
        } else process.stdout.write(ics);
      } finally {
        await database.close();
      }
    });
}

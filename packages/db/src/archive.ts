import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { AppError } from "@trellis/core";
import { sql } from "kysely";
import { canSee, type AllianceViewer } from "@trellis/core";
import { contentHash, createChainVerifier, eventFromRow, insertChainedEvent, type ChainCheck, type ChainedEvent, type RedactedLink } from "./event-log";
import type { Db } from "./open-database";

/**
 * Tables whose rows belong to one alliance, in an order that satisfies foreign keys.
 * Each capability adds its tables here; export and import then carry them without new code.
 * The filter selects the alliance's rows given its id as $1 (written as ${id} below).
 */
export const allianceTables: { table: string; filter: (id: string) => ReturnType<typeof sql> }[] = [
  { table: "alliances", filter: (id) => sql`id = ${id}` },
  { table: "seats", filter: (id) => sql`alliance_id = ${id}` },
  { table: "memberships", filter: (id) => sql`alliance_id = ${id}` },
  { table: "clean_teams", filter: (id) => sql`alliance_id = ${id}` },
  { table: "clean_team_members", filter: (id) => sql`clean_team_id in (select id from clean_teams where alliance_id = ${id})` },
];

/** Registers a capability's alliance-scoped table for export and import (keep FK order). */
export function registerAllianceTable(table: string, filter: (id: string) => ReturnType<typeof sql>): void {
  if (!allianceTables.some((t) => t.table === table)) allianceTables.push({ table, filter });
}

export const archiveFormat = "trellis.archive";
export const archiveVersion = 1;

type Line =
  | { kind: "header"; format: string; version: number; allianceId: string; exportedAt: string }
  | { kind: "person"; row: { id: string; email: string; display_name: string; time_zone: string } }
  | { kind: "organization"; row: Record<string, unknown> }
  | { kind: "row"; table: string; row: Record<string, unknown> }
  | ({ kind: "event" } & Omit<ChainedEvent, "occurredAt"> & { occurredAt: string })
  | ({ kind: "redacted" } & RedactedLink)
  | { kind: "end"; events: number; head: string };

function write(out: Writable, line: Line): Promise<void> | void {
  if (!out.write(`${JSON.stringify(line)}\n`)) return new Promise((resolve) => out.once("drain", () => resolve()));
}

/**
 * Streams one alliance as JSON Lines (see docs/archive-format.md); reports progress per event page.
 * With a viewer, events they may not see travel as redacted links (hashes only), so the chain
 * still verifies offline but nothing hidden leaves; such an archive cannot be imported.
 */
export async function exportAlliance(
  db: Db,
  allianceId: string,
  out: Writable,
  options: { onProgress?: (events: number, total: number) => void; now?: Date; viewer?: AllianceViewer } = {},
): Promise<{ events: number; head: string }> {
  const onProgress = options.onProgress ?? (() => {});
  const now = options.now ?? new Date();
  const alliance = await db.selectFrom("alliances").select("id").where("id", "=", allianceId).executeTakeFirst();
  if (!alliance) throw new AppError("not_found", `No alliance with id ${allianceId}.`);
  await write(out, { kind: "header", format: archiveFormat, version: archiveVersion, allianceId, exportedAt: now.toISOString() });
  const people = await sql<{ id: string; email: string; display_name: string; time_zone: string }>`
    select distinct p.id, p.email, p.display_name, p.time_zone from people p
    join memberships m on m.person_id = p.id where m.alliance_id = ${allianceId} order by p.id`.execute(db);
  for (const row of people.rows) await write(out, { kind: "person", row });
  const organizations = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(o) as row from organizations o where o.id in (select organization_id from seats where alliance_id = ${allianceId}) order by o.id`.execute(db);
  for (const { row } of organizations.rows) await write(out, { kind: "organization", row });
  for (const { table, filter } of options.viewer ? [] : allianceTables) {
    const rows = await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) as row from ${sql.table(table)} t where ${filter(allianceId)}`.execute(db);
    for (const { row } of rows.rows) await write(out, { kind: "row", table, row });
  }
  const total = Number(
    (await db.selectFrom("events").select((eb) => eb.fn.countAll<number>().as("n")).where("alliance_id", "=", allianceId).executeTakeFirst())?.n ?? 0,
  );
  let after = 0;
  let count = 0;
  let head = "";
  for (;;) {
    const page = await db.selectFrom("events").selectAll().where("alliance_id", "=", allianceId).where("seq", ">", after).orderBy("seq").limit(5000).execute();
    if (page.length === 0) break;
    for (const row of page) {
      const event = eventFromRow(row);
      if (options.viewer && !canSee(options.viewer, event.visibility)) {
        await write(out, { kind: "redacted", seq: event.seq, contentHash: contentHash(event), prevHash: event.prevHash, hash: event.hash });
      } else {
        await write(out, { kind: "event", ...event, occurredAt: event.occurredAt.toISOString() });
      }
      head = event.hash;
    }
    count += page.length;
    after = page[page.length - 1]!.seq;
    onProgress(count, total);
  }
  await write(out, { kind: "end", events: count, head });
  return { events: count, head };
}

function parseLine(text: string, lineNumber: number): Line {
  try {
    const value = JSON.parse(text) as Line;
    if (typeof value !== "object" || value === null || typeof value.kind !== "string") throw new Error("no kind");
    return value;
  } catch {
    throw new AppError("validation_failed", `Line ${lineNumber} of the archive is not a Trellis archive record.`, { line: lineNumber });
  }
}

/**
 * Restores an archive in one transaction: nothing is written unless every line is valid and the
 * chain verifies. People are matched by id; an alliance that already exists is refused.
 */
export async function importAlliance(
  db: Db,
  input: Readable,
  onProgress: (events: number) => void = () => {},
): Promise<{ allianceId: string; check: ChainCheck }> {
  // Take the iterator now: it buffers lines that arrive while the transaction is being opened.
  const lines = readline.createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return db.transaction().execute(async (trx) => {
    const verifier = createChainVerifier();
    let header: Extract<Line, { kind: "header" }> | null = null;
    let ended = false;
    let lineNumber = 0;
    let events = 0;
    let lastHash = "";
    let lastSeq = 0;
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const text = next.value;
      lineNumber++;
      if (text.trim() === "") continue;
      const line = parseLine(text, lineNumber);
      if (lineNumber === 1) {
        if (line.kind !== "header" || line.format !== archiveFormat) throw new AppError("validation_failed", "This file is not a Trellis archive (no header line).");
        if (line.version !== archiveVersion) throw new AppError("validation_failed", `Archive version ${line.version} is not supported (expected ${archiveVersion}).`);
        header = line;
        const exists = await trx.selectFrom("alliances").select("id").where("id", "=", line.allianceId).executeTakeFirst();
        if (exists) throw new AppError("already_exists", `Alliance ${line.allianceId} already exists in this database.`, { allianceId: line.allianceId });
        continue;
      }
      if (!header) throw new AppError("validation_failed", "The archive has no header.");
      if (ended) throw new AppError("validation_failed", `Line ${lineNumber} follows the end record.`);
      switch (line.kind) {
        case "person": {
          const clash = await trx.selectFrom("people").select("id").where("email", "=", line.row.email).where("id", "!=", line.row.id).executeTakeFirst();
          if (clash) throw new AppError("conflict", `${line.row.email} already belongs to another person in this database.`);
          await sql`insert into people (id, email, display_name, time_zone) values (${line.row.id}, ${line.row.email}, ${line.row.display_name}, ${line.row.time_zone ?? "UTC"}) on conflict (id) do nothing`.execute(trx);
          break;
        }
        case "organization":
          await sql`insert into organizations select * from jsonb_populate_record(null::organizations, ${JSON.stringify(line.row)}::jsonb) on conflict (id) do nothing`.execute(trx);
          break;
        case "row": {
          if (!allianceTables.some((t) => t.table === line.table)) throw new AppError("validation_failed", `Line ${lineNumber}: unknown table ${line.table}.`);
          await sql`insert into ${sql.table(line.table)} select * from jsonb_populate_record(null::${sql.table(line.table)}, ${JSON.stringify(line.row)}::jsonb)`.execute(trx);
          break;
        }
        case "event": {
          if (line.allianceId !== header.allianceId) throw new AppError("validation_failed", `Line ${lineNumber}: event of another alliance.`);
          const event: ChainedEvent = { ...line, occurredAt: new Date(line.occurredAt) };
          if (!verifier.push(event)) {
            const check = verifier.result();
            throw new AppError("chain_broken", `The archive's chain is broken at event ${check.ok ? "?" : check.brokenAt}.`, { check });
          }
          await insertChainedEvent(trx, event);
          events++;
          lastHash = event.hash;
          lastSeq = event.seq;
          if (events % 5000 === 0) onProgress(events);
          break;
        }
        case "redacted":
          throw new AppError("validation_failed", "This archive is a partner's redacted export: it can be verified (trellis verify --archive) but not imported.");
        case "end":
          if (line.events !== events || line.head !== lastHash) throw new AppError("validation_failed", "The archive's end record does not match its events (truncated file?).");
          ended = true;
          break;
        default:
          throw new AppError("validation_failed", `Line ${lineNumber}: unknown record kind.`);
      }
    }
    if (!header) throw new AppError("validation_failed", "The archive is empty.");
    if (!ended) throw new AppError("validation_failed", "The archive has no end record (truncated file?).");
    if (events > 0) await trx.insertInto("chain_heads").values({ alliance_id: header.allianceId, seq: lastSeq, hash: lastHash }).execute();
    onProgress(events);
    return { allianceId: header.allianceId, check: verifier.result() };
  });
}

/** Verifies an archive file offline: the chain of its events and redacted links, and its end record. */
export async function verifyArchive(input: Readable): Promise<ChainCheck & { allianceId: string | null }> {
  const verifier = createChainVerifier();
  let allianceId: string | null = null;
  let lastHash = "";
  let events = 0;
  let lineNumber = 0;
  let end: Extract<Line, { kind: "end" }> | null = null;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (text.trim() === "") continue;
    const line = parseLine(text, lineNumber);
    if (line.kind === "header") allianceId = line.allianceId;
    if (line.kind === "event" || line.kind === "redacted") {
      const link = line.kind === "event" ? { ...line, occurredAt: new Date(line.occurredAt) } : line;
      events++;
      lastHash = line.hash;
      if (!verifier.push(link)) return { ...verifier.result(), allianceId };
    }
    if (line.kind === "end") end = line;
  }
  const check = verifier.result();
  if (!end) return { ok: false, count: events, brokenAt: events, reason: "the archive has no end record (truncated?)", allianceId };
  if (end.events !== events || end.head !== lastHash) return { ok: false, count: events, brokenAt: events, reason: "the end record does not match the events", allianceId };
  return { ...check, allianceId };
}

/** Re-checks one alliance's stored chain, streaming it page by page. */
export async function verifyAllianceChain(db: Db, allianceId: string): Promise<ChainCheck> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db.selectFrom("events").selectAll().where("alliance_id", "=", allianceId).where("seq", ">", after).orderBy("seq").limit(5000).execute();
    if (page.length === 0) break;
    for (const row of page) if (!verifier.push(eventFromRow(row))) return verifier.result();
    after = page[page.length - 1]!.seq;
  }
  const check = verifier.result();
  if (check.ok) {
    const head = await db.selectFrom("chain_heads").select(["seq", "hash"]).where("alliance_id", "=", allianceId).executeTakeFirst();
    if (check.count > 0 && (!head || head.hash !== check.head || head.seq !== check.count)) {
      return { ok: false, count: check.count, brokenAt: check.count, reason: "the chain head does not match the last event" };
    }
  }
  return check;
}

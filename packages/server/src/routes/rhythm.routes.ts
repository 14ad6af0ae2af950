import type { FastifyInstance } from "fastify";
import { AppError, type AllianceViewer } from "@trellis/core";
import { cadenceKinds, nextOccurrences, viewOccurrenceIn, weekdays } from "@trellis/core/rhythm";
import { isValidTimeZone } from "@trellis/core/rhythm/time-zone";
import {
  cadenceFromRow,
  listAlliancePeople,
  listCadences,
  listCancellations,
  listMeetings,
  listSeatNames,
  loadActiveCadences,
  loadCadence,
  loadCancelledKeys,
  loadMeeting,
  loadMeetingRecords,
  loadMinutesVersion,
} from "@trellis/db";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute } from "../http/route";
import { cadenceSchema, occurrenceSchema, presentCadence, presentOccurrence } from "../presenters/cadence.presenter";
import { meetingSchema, meetingSummarySchema, minutesSchema, presentMeeting, presentMeetingSummary, presentMinutes } from "../presenters/meeting.presenter";
import { loadViewer, type Person } from "../use-cases/load-viewer";
import { cancelOccurrence, reinstateOccurrence } from "../use-cases/rhythm/cancel-occurrence";
import { resolveCadenceSchedule } from "../use-cases/rhythm/cadence-schedule";
import { circulateAgenda } from "../use-cases/rhythm/circulate-agenda";
import { closeMeeting, editMinutes } from "../use-cases/rhythm/close-meeting";
import { createCadence } from "../use-cases/rhythm/create-cadence";
import { listOccurrences } from "../use-cases/rhythm/list-occurrences";
import { addAgendaItem, orderAgenda, updateAgendaItem, withdrawAgendaItem } from "../use-cases/rhythm/manage-agenda";
import { attendanceStatuses, meetingStatuses, outcomeKinds } from "../use-cases/rhythm/meeting-rules";
import { openMeeting } from "../use-cases/rhythm/open-meeting";
import { measureRhythmSignals } from "../use-cases/rhythm/rhythm-signals";
import { acknowledgeNotice, objectAndLeave, rateMeeting, recordAttendance, recordOutcome, startAgendaItem, startMeeting, updateOutcome } from "../use-cases/rhythm/run-meeting";
import { updateCadence } from "../use-cases/rhythm/update-cadence";
import { decodeCursor, encodeCursor } from "./organizations.routes";

// ---- Schemas -------------------------------------------------------------------------------

const timeZone = z.string().min(1).max(64).refine(isValidTimeZone, { message: "must be an IANA time zone like Europe/Berlin" });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-07-07");
const weekday = z.enum(weekdays);
const nth = z.number().int().min(-1).max(5);
const repeatSchema = z.discriminatedUnion("pattern", [
  z.object({ pattern: z.literal("weekly"), everyWeeks: z.number().int().min(1).max(52), weekdays: z.array(weekday).min(1).max(7) }),
  z.object({ pattern: z.literal("monthly_weekday"), everyMonths: z.number().int().min(1).max(24), nth, weekday }),
  z.object({ pattern: z.literal("quarterly_weekday"), nth, weekday }),
  z.object({ pattern: z.literal("monthly_day"), everyMonths: z.number().int().min(1).max(24), day: z.number().int().min(-1).max(31) }),
  z.object({ pattern: z.literal("monthly_last_weekday"), everyMonths: z.number().int().min(1).max(24) }),
  z.object({ pattern: z.literal("yearly"), everyYears: z.number().int().min(1).max(10) }),
]);
const scheduleSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("form"),
    repeat: repeatSchema,
    time: z.string().regex(/^\d{2}:\d{2}$/, "a time like 15:00"),
    timeZone,
    startOn: localDate,
    end: z.union([z.object({ count: z.number().int().min(1).max(1000) }), z.object({ until: localDate })]).optional(),
  }),
  z.object({
    kind: z.literal("rrule"),
    rrule: z.string().trim().min(1).max(500),
    dtstart: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "a local start like 2026-07-07T15:00"),
    timeZone,
  }),
]);
const visibilityInput = z.discriminatedUnion("level", [
  z.object({ level: z.literal("alliance") }),
  z.object({ level: z.literal("seats"), seatIds: z.array(z.uuid()).min(1).max(100) }),
  z.object({ level: z.literal("facilitators") }),
  z.object({ level: z.literal("clean_team"), cleanTeamId: z.uuid() }),
]);
const cadenceFields = {
  title: z.string().trim().min(1).max(160),
  description: z.string().max(2000),
  location: z.string().max(300),
  durationMinutes: z.number().int().min(1).max(10080),
  agendaCutoffMinutes: z.number().int().min(0).max(43200),
  expectedSeatIds: z.array(z.uuid()).max(200),
};
const instant = z.iso.datetime({ offset: true });
const occurrenceKey = z.string().regex(/^\d{8}T\d{6}$/, "an occurrence key like 20261201T150000");

const allianceParams = z.object({ id: z.uuid() });
const cadenceParams = z.object({ id: z.uuid(), cadenceId: z.uuid() });
const occurrenceParams = cadenceParams.extend({ occurrenceKey });
const meetingParams = z.object({ id: z.uuid(), meetingId: z.uuid() });
const itemParams = meetingParams.extend({ itemId: z.uuid() });
const windowQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  timeZone: timeZone.optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const dayMs = 24 * 3600_000;
const withCreated = meetingSchema.extend({ createdId: z.string() });

/** Cadences, occurrences, meetings with their agendas, minutes and the rhythm signals of an alliance. */
export function registerRhythmRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const viewerOf = (allianceId: string, person: Person) => loadViewer(ctx.db, allianceId, person);

  const cadenceDetail = async (allianceId: string, cadenceId: string, viewer: AllianceViewer, person: Person, timeZoneOverride?: string) => {
    const row = await loadCadence(ctx.db, allianceId, cadenceId, viewer);
    if (!row) throw new AppError("not_found", "No such cadence in this alliance.");
    const cancelled = (await loadCancelledKeys(ctx.db, [row.id])).get(row.id) ?? [];
    const seatNames = await listSeatNames(ctx.db, allianceId);
    const now = ctx.clock();
    const next = row.archived_at
      ? null
      : ((await listOccurrences(ctx.db, [{ row, cadence: cadenceFromRow(row, cancelled) }], { from: now, to: new Date(now.getTime() + 400 * dayMs), timeZone: timeZoneOverride ?? person.timeZone, limit: 1 })).items[0] ?? null);
    return presentCadence(row, { seatNames, nextOccurrence: next, cancellations: await listCancellations(ctx.db, row.id) });
  };

  const meetingDetail = async (allianceId: string, meetingId: string, viewer: AllianceViewer, person: Person, timeZoneOverride?: string) => {
    const meeting = await loadMeeting(ctx.db, allianceId, meetingId, viewer);
    if (!meeting) throw new AppError("not_found", "No such meeting in this alliance.");
    const records = await loadMeetingRecords(ctx.db, meetingId);
    const people = (await listAlliancePeople(ctx.db, allianceId)).map((p) => ({ id: p.id, displayName: p.displayName, roles: p.viewer.roles, seatIds: p.viewer.seatIds, viewer: p.viewer }));
    return presentMeeting(meeting, records, { viewer, viewerTimeZone: timeZoneOverride ?? person.timeZone, now: ctx.clock(), seats: await listSeatNames(ctx.db, allianceId), people });
  };

  // ---- Cadences -----------------------------------------------------------------------------

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/cadences",
    summary: "The alliance's cadences I may see, by title, each with its rule in plain English and its next occurrence (in my time zone, or ?timeZone=)",
    tags: ["rhythm"],
    params: allianceParams,
    query: z.object({
      kind: z.enum(cadenceKinds).optional(),
      q: z.string().max(100).optional(),
      includeArchived: z.enum(["true", "false"]).optional(),
      timeZone: timeZone.optional(),
      cursor: z.string().max(400).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    response: z.object({ items: z.array(cadenceSchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const person = request.person!;
      const viewer = await viewerOf(params.id, person);
      const rows = await listCadences(ctx.db, params.id, viewer, {
        kind: query.kind,
        q: query.q,
        includeArchived: query.includeArchived === "true",
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit,
      });
      const page = rows.slice(0, query.limit);
      const cancelled = await loadCancelledKeys(
        ctx.db,
        page.map((r) => r.id),
      );
      const seatNames = await listSeatNames(ctx.db, params.id);
      const now = ctx.clock();
      const items = [];
      for (const row of page) {
        const next = row.archived_at
          ? null
          : ((await listOccurrences(ctx.db, [{ row, cadence: cadenceFromRow(row, cancelled.get(row.id) ?? []) }], { from: now, to: new Date(now.getTime() + 400 * dayMs), timeZone: query.timeZone ?? person.timeZone, limit: 1 })).items[0] ?? null);
        items.push(presentCadence(row, { seatNames, nextOccurrence: next }));
      }
      const last = page.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.title, last.id]) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/cadences",
    summary:
      "Define a cadence (facilitators): kind, title, duration, agenda cutoff, expected seats (default all), visibility, and a schedule from the simple form (kind: form) or a raw RFC 5545 RRULE with its local first start (kind: rrule)",
    tags: ["rhythm"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({
      kind: z.enum(cadenceKinds),
      title: cadenceFields.title,
      description: cadenceFields.description.optional(),
      location: cadenceFields.location.optional(),
      durationMinutes: cadenceFields.durationMinutes,
      agendaCutoffMinutes: cadenceFields.agendaCutoffMinutes.optional(),
      expectedSeatIds: cadenceFields.expectedSeatIds.optional(),
      visibility: visibilityInput.optional(),
      schedule: scheduleSchema,
    }),
    response: cadenceSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      const { id } = await createCadence(ctx, viewer, params.id, body);
      return cadenceDetail(params.id, id, viewer, request.person!);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/cadences/preview",
    summary: "Preview a schedule without saving it: the rule, its first start, the plain-English description and the next occurrences in my time zone (for the cadence form)",
    tags: ["rhythm"],
    params: allianceParams,
    body: z.object({ schedule: scheduleSchema, durationMinutes: cadenceFields.durationMinutes.default(60), count: z.number().int().min(1).max(20).default(5), timeZone: timeZone.optional() }),
    response: z.object({
      rrule: z.string(),
      dtstart: z.string(),
      timeZone: z.string(),
      description: z.string(),
      occurrences: z.array(z.object({ start: z.string(), end: z.string(), localStart: z.string(), view: z.object({ label: z.string(), localStart: z.string(), dayShift: z.number().int() }) })),
    }),
    handler: async ({ params, body, request }) => {
      await viewerOf(params.id, request.person!);
      const resolved = resolveCadenceSchedule(body.schedule, { kind: "other", title: "Preview", durationMinutes: body.durationMinutes });
      const cadence = { id: "preview", allianceId: params.id, kind: "other" as const, title: "Preview", ...resolved, durationMinutes: body.durationMinutes, expectedSeatIds: [], cancelledStarts: [] };
      const viewerZone = body.timeZone ?? request.person!.timeZone;
      const occurrences = nextOccurrences(cadence, ctx.clock(), body.count).map((o) => {
        const view = viewOccurrenceIn(o, viewerZone);
        return { start: o.start, end: o.end, localStart: o.localStart, view: { label: view.label, localStart: view.localStart, dayShift: view.dayShift } };
      });
      return { rrule: resolved.rrule, dtstart: resolved.dtstart, timeZone: resolved.timeZone, description: resolved.description, occurrences };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/cadences/:cadenceId",
    summary: "One cadence with its cancelled occurrences and next occurrence",
    tags: ["rhythm"],
    params: cadenceParams,
    query: z.object({ timeZone: timeZone.optional() }),
    response: cadenceSchema,
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      return cadenceDetail(params.id, params.cadenceId, viewer, request.person!, query.timeZone);
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id/cadences/:cadenceId",
    summary: "Change a cadence, its schedule, or archive it (facilitators; send the version you read). Meetings already opened keep their slot",
    tags: ["rhythm"],
    params: cadenceParams,
    body: z.object({
      version: z.number().int().min(1),
      title: cadenceFields.title.optional(),
      description: cadenceFields.description.optional(),
      location: cadenceFields.location.optional(),
      durationMinutes: cadenceFields.durationMinutes.optional(),
      agendaCutoffMinutes: cadenceFields.agendaCutoffMinutes.optional(),
      expectedSeatIds: cadenceFields.expectedSeatIds.optional(),
      schedule: scheduleSchema.optional(),
      archived: z.boolean().optional(),
    }),
    response: cadenceSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await updateCadence(ctx, viewer, params.id, params.cadenceId, body);
      return cadenceDetail(params.id, params.cadenceId, viewer, request.person!);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/cadences/:cadenceId/occurrences",
    summary: "Occurrences of one cadence in [from, to) (default: the next 90 days; at most 400), each also shown in my time zone (or ?timeZone=), with its meeting if opened",
    tags: ["rhythm"],
    params: cadenceParams,
    query: windowQuery,
    response: z.object({ items: z.array(occurrenceSchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const person = request.person!;
      const viewer = await viewerOf(params.id, person);
      const row = await loadCadence(ctx.db, params.id, params.cadenceId, viewer);
      if (!row) throw new AppError("not_found", "No such cadence in this alliance.");
      const cancelled = (await loadCancelledKeys(ctx.db, [row.id])).get(row.id) ?? [];
      return occurrencePage([{ row, cadence: cadenceFromRow(row, cancelled) }], query, person);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/occurrences",
    summary: "Occurrences of all the alliance's active cadences I may see in [from, to) (default: the next 90 days), in start order, in my time zone too",
    tags: ["rhythm"],
    params: allianceParams,
    query: windowQuery.extend({ kind: z.enum(cadenceKinds).optional() }),
    response: z.object({ items: z.array(occurrenceSchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const person = request.person!;
      const viewer = await viewerOf(params.id, person);
      const cadences = (await loadActiveCadences(ctx.db, params.id, viewer)).filter((c) => !query.kind || c.row.kind === query.kind);
      return occurrencePage(cadences, query, person);
    },
  });

  const occurrencePage = async (cadences: Awaited<ReturnType<typeof loadActiveCadences>>, query: z.infer<typeof windowQuery>, person: Person) => {
    const now = ctx.clock();
    const from = query.from ? new Date(query.from) : now;
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 90 * dayMs);
    const page = await listOccurrences(ctx.db, cadences, { from, to, timeZone: query.timeZone ?? person.timeZone, limit: query.limit, after: query.cursor ? decodeCursor(query.cursor) : undefined });
    return { items: page.items.map(presentOccurrence), nextCursor: page.next ? encodeCursor(page.next) : null };
  };

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/cadences/:cadenceId/occurrences/:occurrenceKey/cancel",
    summary: "Cancel one occurrence (facilitators): it stays listed and in calendar feeds, marked cancelled; its meeting, if opened and not started, is cancelled",
    tags: ["rhythm"],
    params: occurrenceParams,
    body: z.object({ reason: z.string().max(500).optional() }),
    response: cadenceSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await cancelOccurrence(ctx, viewer, params.id, params.cadenceId, params.occurrenceKey, body);
      return cadenceDetail(params.id, params.cadenceId, viewer, request.person!);
    },
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/alliances/:id/cadences/:cadenceId/occurrences/:occurrenceKey/cancel",
    summary: "Reinstate a cancelled occurrence (facilitators)",
    tags: ["rhythm"],
    params: occurrenceParams,
    response: cadenceSchema,
    handler: async ({ params, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await reinstateOccurrence(ctx, viewer, params.id, params.cadenceId, params.occurrenceKey);
      return cadenceDetail(params.id, params.cadenceId, viewer, request.person!);
    },
  });

  // ---- Meetings -----------------------------------------------------------------------------

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/meetings",
    summary: "The alliance's meetings I may see, newest scheduled first; filters: status, cadenceId, q (title), from/to (scheduled start)",
    tags: ["rhythm"],
    params: allianceParams,
    query: z.object({
      status: z.enum(meetingStatuses).optional(),
      cadenceId: z.uuid().optional(),
      q: z.string().max(100).optional(),
      from: instant.optional(),
      to: instant.optional(),
      timeZone: timeZone.optional(),
      cursor: z.string().max(400).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    response: z.object({ items: z.array(meetingSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ params, query, request }) => {
      const person = request.person!;
      const viewer = await viewerOf(params.id, person);
      const rows = await listMeetings(ctx.db, params.id, viewer, {
        status: query.status,
        cadenceId: query.cadenceId,
        q: query.q,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit,
      });
      const now = ctx.clock();
      const page = rows.slice(0, query.limit);
      const items = page.map((m) =>
        presentMeetingSummary(m, { agendaItemCount: Number(m.item_count ?? 0), minutesVersion: m.minutes_version === null ? null : Number(m.minutes_version), viewerTimeZone: query.timeZone ?? person.timeZone, now }),
      );
      const last = page.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.scheduled_start.toISOString(), last.id]) : null };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/alliances/:id/meetings",
    summary: "Make an occurrence a meeting so seats can add agenda items (facilitators and delegates; returns the existing meeting with 200 if already opened)",
    tags: ["rhythm"],
    params: allianceParams,
    successStatus: 201,
    body: z.object({ cadenceId: z.uuid(), occurrenceKey }),
    response: meetingSchema,
    handler: async ({ params, body, request, reply }) => {
      const viewer = await viewerOf(params.id, request.person!);
      const { id, created } = await openMeeting(ctx, viewer, params.id, body);
      const result = await meetingDetail(params.id, id, viewer, request.person!);
      return reply.status(created ? 201 : 200).send(result);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/meetings/:meetingId",
    summary: "The meeting page: agenda (seat authors, time boxes), roster with attendance and acknowledgements, seats present, objections, outcomes, ratings, minutes versions, and what I may do",
    tags: ["rhythm"],
    params: meetingParams,
    query: z.object({ timeZone: timeZone.optional() }),
    response: meetingSchema,
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      return meetingDetail(params.id, params.meetingId, viewer, request.person!, query.timeZone);
    },
  });

  const meetingAction = (
    spec: { method: "POST" | "PUT" | "PATCH" | "DELETE"; url: string; summary: string; params: z.ZodType; body?: z.ZodType; successStatus?: number },
    run: (input: { viewer: AllianceViewer; params: Record<string, string>; body: unknown; person: Person }) => Promise<unknown>,
  ) => {
    defineRoute(app, {
      method: spec.method,
      url: spec.url,
      summary: spec.summary,
      tags: ["rhythm"],
      params: spec.params,
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.successStatus ? { successStatus: spec.successStatus } : {}),
      response: spec.successStatus === 201 ? withCreated : meetingSchema,
      handler: async ({ params, body, request }) => {
        const p = params as Record<string, string>;
        const person = request.person!;
        const viewer = await viewerOf(p.id!, person);
        const result = await run({ viewer, params: p, body, person });
        const meeting = await meetingDetail(p.id!, p.meetingId!, viewer, person);
        return typeof result === "object" && result !== null && "id" in result ? { ...meeting, createdId: String((result as { id: string }).id) } : meeting;
      },
    });
  };

  const itemBody = z.object({ title: z.string().trim().min(1).max(200), description: z.string().max(4000).optional(), seatId: z.uuid().nullable().optional() });
  meetingAction(
    {
      method: "POST",
      url: "/api/v1/alliances/:id/meetings/:meetingId/items",
      summary: "Add an agenda item before the cutoff, authored for a seat (delegates for their own seat; facilitators for any seat or none, and late items after the cutoff). 409 agenda_closed after the cutoff",
      params: meetingParams,
      body: itemBody,
      successStatus: 201,
    },
    ({ viewer, params, body }) => addAgendaItem(ctx, viewer, params.id!, params.meetingId!, body as z.infer<typeof itemBody>),
  );

  const itemPatch = z.object({ version: z.number().int().min(1), title: z.string().trim().min(1).max(200).optional(), description: z.string().max(4000).optional(), notes: z.string().max(20000).optional() });
  meetingAction(
    {
      method: "PATCH",
      url: "/api/v1/alliances/:id/meetings/:meetingId/items/:itemId",
      summary:
        "Change an item (send its version): title/description by its seat until the cutoff or a facilitator; notes by a facilitator once the item started (after the meeting closed, a notes edit adds a minutes version)",
      params: itemParams,
      body: itemPatch,
    },
    ({ viewer, params, body }) => updateAgendaItem(ctx, viewer, params.id!, params.meetingId!, params.itemId!, body as z.infer<typeof itemPatch>),
  );

  meetingAction(
    { method: "DELETE", url: "/api/v1/alliances/:id/meetings/:meetingId/items/:itemId", summary: "Withdraw an item (its seat until the cutoff; a facilitator until it is discussed)", params: itemParams },
    ({ viewer, params }) => withdrawAgendaItem(ctx, viewer, params.id!, params.meetingId!, params.itemId!),
  );

  const orderBody = z.object({ version: z.number().int().min(1), items: z.array(z.object({ id: z.uuid(), durationMinutes: z.number().int().min(1).max(480).nullable().optional() })).max(200) });
  meetingAction(
    {
      method: "PUT",
      url: "/api/v1/alliances/:id/meetings/:meetingId/agenda",
      summary: "Order and time-box the agenda (facilitators; send the meeting version; name every item once; durationMinutes null clears a time box)",
      params: meetingParams,
      body: orderBody,
    },
    ({ viewer, params, body }) => orderAgenda(ctx, viewer, params.id!, params.meetingId!, body as z.infer<typeof orderBody>),
  );

  meetingAction(
    { method: "POST", url: "/api/v1/alliances/:id/meetings/:meetingId/circulate", summary: "Circulate the agenda by email to the alliance's people who may see the meeting (facilitators)", params: meetingParams },
    async ({ viewer, params }) => {
      await circulateAgenda(ctx, viewer, params.id!, params.meetingId!);
    },
  );

  meetingAction(
    { method: "POST", url: "/api/v1/alliances/:id/meetings/:meetingId/start", summary: "Start the meeting (facilitators)", params: meetingParams },
    ({ viewer, params }) => startMeeting(ctx, viewer, params.id!, params.meetingId!),
  );

  meetingAction(
    {
      method: "POST",
      url: "/api/v1/alliances/:id/meetings/:meetingId/acknowledgements",
      summary: "Acknowledge the antitrust notice as the signed-in attendee (alliances with competitors, meeting in progress); also records me as present",
      params: meetingParams,
    },
    ({ viewer, params }) => acknowledgeNotice(ctx, viewer, params.id!, params.meetingId!),
  );

  const attendanceBody = z.object({ status: z.enum(attendanceStatuses.filter((s) => s !== "left") as ["present", "absent", "excused"]) });
  meetingAction(
    {
      method: "PUT",
      url: "/api/v1/alliances/:id/meetings/:meetingId/attendance/:personId",
      summary: "Record a person's attendance while the meeting runs (facilitators for anyone; anyone may check themselves in as present)",
      params: meetingParams.extend({ personId: z.uuid() }),
      body: attendanceBody,
    },
    ({ viewer, params, body }) => recordAttendance(ctx, viewer, params.id!, params.meetingId!, params.personId!, body as z.infer<typeof attendanceBody>),
  );

  meetingAction(
    {
      method: "POST",
      url: "/api/v1/alliances/:id/meetings/:meetingId/items/:itemId/start",
      summary: "Start discussing an item (facilitators). 409 acknowledgement_required while anyone present has not acknowledged the antitrust notice",
      params: itemParams,
    },
    ({ viewer, params }) => startAgendaItem(ctx, viewer, params.id!, params.meetingId!, params.itemId!),
  );

  const objectionBody = z.object({ reason: z.string().max(2000).optional() });
  meetingAction(
    {
      method: "POST",
      url: "/api/v1/alliances/:id/meetings/:meetingId/items/:itemId/objections",
      summary: "Object to an item and leave the meeting (the signed-in attendee); written into the minutes",
      params: itemParams,
      body: objectionBody,
      successStatus: 201,
    },
    ({ viewer, params, body }) => objectAndLeave(ctx, viewer, params.id!, params.meetingId!, params.itemId!, body as z.infer<typeof objectionBody>),
  );

  const outcomeBody = z.object({ kind: z.enum(outcomeKinds), text: z.string().trim().min(1).max(2000), itemId: z.uuid().nullable().optional(), linkedRecordId: z.uuid().nullable().optional() });
  meetingAction(
    {
      method: "POST",
      url: "/api/v1/alliances/:id/meetings/:meetingId/outcomes",
      summary:
        "Record an outcome (facilitators): a commitment or proposal (linkedRecordId: its id, once created through its own API with links.meetingId) or a note; of an item once it started; after the meeting closed it adds a minutes version",
      params: meetingParams,
      body: outcomeBody,
      successStatus: 201,
    },
    ({ viewer, params, body }) => recordOutcome(ctx, viewer, params.id!, params.meetingId!, body as z.infer<typeof outcomeBody>),
  );

  const outcomePatch = z.object({ version: z.number().int().min(1), text: z.string().trim().min(1).max(2000).optional(), linkedRecordId: z.uuid().nullable().optional() });
  meetingAction(
    {
      method: "PATCH",
      url: "/api/v1/alliances/:id/meetings/:meetingId/outcomes/:outcomeId",
      summary: "Change an outcome's text or link it to the commitment or proposal created for it (facilitators; versioned)",
      params: meetingParams.extend({ outcomeId: z.uuid() }),
      body: outcomePatch,
    },
    ({ viewer, params, body }) => updateOutcome(ctx, viewer, params.id!, params.meetingId!, params.outcomeId!, body as z.infer<typeof outcomePatch>),
  );

  const ratingBody = z.object({ rating: z.number().int().min(1).max(5) });
  meetingAction(
    { method: "PUT", url: "/api/v1/alliances/:id/meetings/:meetingId/rating", summary: "Rate the meeting 1–5 as an attendee (again to change it); shown only as an aggregate", params: meetingParams, body: ratingBody },
    ({ viewer, params, body }) => rateMeeting(ctx, viewer, params.id!, params.meetingId!, body as z.infer<typeof ratingBody>),
  );

  const closeBody = z.object({ summary: z.string().max(20000).optional() });
  meetingAction(
    { method: "POST", url: "/api/v1/alliances/:id/meetings/:meetingId/close", summary: "Close the meeting and publish its minutes to the alliance as version 1 (facilitators)", params: meetingParams, body: closeBody },
    ({ viewer, params, body }) => closeMeeting(ctx, viewer, params.id!, params.meetingId!, body as z.infer<typeof closeBody>),
  );

  // ---- Minutes ------------------------------------------------------------------------------

  const minutesOf = async (allianceId: string, meetingId: string, person: Person, version?: number) => {
    const viewer = await viewerOf(allianceId, person);
    const meeting = await loadMeeting(ctx.db, allianceId, meetingId, viewer);
    if (!meeting) throw new AppError("not_found", "No such meeting in this alliance.");
    const latest = await loadMinutesVersion(ctx.db, meetingId);
    if (!latest) throw new AppError("not_found", "The minutes are published when the meeting closes.");
    const row = version === undefined ? latest : await loadMinutesVersion(ctx.db, meetingId, version);
    if (!row) throw new AppError("not_found", `The minutes have no version ${version}.`);
    return presentMinutes(row, latest.version);
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/meetings/:meetingId/minutes",
    summary: "The latest version of the meeting's minutes (Markdown and the structured content)",
    tags: ["rhythm"],
    params: meetingParams,
    response: minutesSchema,
    handler: async ({ params, request }) => minutesOf(params.id, params.meetingId, request.person!),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/alliances/:id/meetings/:meetingId/minutes",
    summary: "Edit the minutes' summary after the meeting closed (facilitators; send the minutes version you read): a new version, every version kept",
    tags: ["rhythm"],
    params: meetingParams,
    body: z.object({ version: z.number().int().min(1), summary: z.string().max(20000), reason: z.string().max(500).optional() }),
    response: minutesSchema,
    handler: async ({ params, body, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      await editMinutes(ctx, viewer, params.id, params.meetingId, body);
      return minutesOf(params.id, params.meetingId, request.person!);
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/meetings/:meetingId/minutes/versions",
    summary: "Every version of the minutes: number, when, by whom, why",
    tags: ["rhythm"],
    params: meetingParams,
    response: z.object({ items: z.array(z.object({ version: z.number().int(), editedAt: z.string(), editedBy: z.string().nullable(), reason: z.string() })) }),
    handler: async ({ params, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      const meeting = await loadMeeting(ctx.db, params.id, params.meetingId, viewer);
      if (!meeting) throw new AppError("not_found", "No such meeting in this alliance.");
      const records = await loadMeetingRecords(ctx.db, params.meetingId);
      return { items: records.minutes.map((v) => ({ version: v.version, editedAt: v.edited_at.toISOString(), editedBy: v.edited_by_name, reason: v.reason })) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/meetings/:meetingId/minutes/versions/:version",
    summary: "One version of the minutes",
    tags: ["rhythm"],
    params: meetingParams.extend({ version: z.coerce.number().int().min(1).max(100000) }),
    response: minutesSchema,
    handler: async ({ params, request }) => minutesOf(params.id, params.meetingId, request.person!, params.version),
  });

  // ---- Signals ------------------------------------------------------------------------------

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/alliances/:id/rhythm/signals",
    summary:
      "Rhythm signals for the health capability: cadence adherence (held within an hour of schedule), time since shared intent was renewed vs the charter's period (renewal.source says where the baseline comes from), skipped-meeting streak and attendance per seat, meeting ratings; window from ?from= (default 180 days) to now",
    tags: ["rhythm"],
    params: allianceParams,
    query: z.object({ from: instant.optional() }),
    response: z.record(z.string(), z.unknown()),
    handler: async ({ params, query, request }) => {
      const viewer = await viewerOf(params.id, request.person!);
      return measureRhythmSignals(ctx.db, params.id, viewer, { now: ctx.clock(), from: query.from ? new Date(query.from) : undefined });
    },
  });

}

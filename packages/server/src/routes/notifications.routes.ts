import type { FastifyInstance } from "fastify";
import { AppError } from "@trellis/core";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, pageQuery } from "../http/route";
import { notificationSchema, presentNotification } from "../presenters/notification.presenter";
import { countUnreadNotifications, listNotifications, markNotificationRead, markNotificationsRead } from "../use-cases/notifications/list-notifications";
import { decodeTimeCursor } from "./commitments.routes";
import { encodeCursor } from "./organizations.routes";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** The signed-in person's notifications: list, unread count, mark read. */
export function registerNotificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/notifications",
    summary: "My notifications, newest first (filters: unread, allianceId, kind or a kind prefix such as commitment., q)",
    tags: ["notifications"],
    query: pageQuery.extend({ unread: flag.optional(), allianceId: z.uuid().optional(), kind: z.string().max(80).optional(), q: z.string().max(200).optional() }),
    response: z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unreadCount: z.number().int() }),
    handler: async ({ query, request }) => {
      const person = request.person!;
      const rows = await listNotifications(ctx, person.id, query, { after: decodeTimeCursor(query.cursor), limit: query.limit });
      const items = rows.slice(0, query.limit).map(presentNotification);
      const last = items.at(-1);
      const { total } = await countUnreadNotifications(ctx, person.id);
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null, unreadCount: total };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/notifications/unread-count",
    summary: "How many unread notifications I have, in all and per alliance (for the navigation)",
    tags: ["notifications"],
    response: z.object({ total: z.number().int(), byAlliance: z.array(z.object({ allianceId: z.string().nullable(), count: z.number().int() })) }),
    handler: async ({ request }) => countUnreadNotifications(ctx, request.person!.id),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/notifications/:notificationId/read",
    summary: "Mark one of my notifications read",
    tags: ["notifications"],
    params: z.object({ notificationId: z.uuid() }),
    successStatus: 204,
    handler: async ({ params, request }) => markNotificationRead(ctx, request.person!.id, params.notificationId),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/notifications/read",
    summary: "Mark several of my notifications read: the given ids, or all (of one alliance) with all: true",
    tags: ["notifications"],
    body: z.object({ ids: z.array(z.uuid()).max(200).optional(), all: z.literal(true).optional(), allianceId: z.uuid().optional() }),
    response: z.object({ marked: z.number().int() }),
    handler: async ({ body, request }) => {
      if (!body.ids && !body.all) throw new AppError("validation_failed", "Give the ids to mark read, or all: true.", { issues: [{ path: "ids", message: "ids or all required" }] });
      return { marked: await markNotificationsRead(ctx, request.person!.id, { ids: body.ids, allianceId: body.allianceId }) };
    },
  });
}

import type { FastifyInstance } from "fastify";
import { AppError } from "@trellis/core";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute, pageQuery } from "../http/route";

/** Instance administration: sign-up mode, the mail outbox. */
export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const requireAdmin = (isAdmin: boolean) => {
    if (!isAdmin) throw new AppError("forbidden", "Only an instance administrator can do this.");
  };

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/instance",
    summary: "Instance settings (administrators)",
    tags: ["admin"],
    response: z.object({ signupMode: z.enum(["open", "invitation"]) }),
    handler: async ({ request }) => {
      requireAdmin(request.person!.isAdmin);
      return { signupMode: ctx.settings.signupMode };
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/instance",
    summary: "Change the sign-up mode: open, or invitation only (administrators)",
    tags: ["admin"],
    body: z.object({ signupMode: z.enum(["open", "invitation"]) }),
    response: z.object({ signupMode: z.enum(["open", "invitation"]) }),
    handler: async ({ body, request }) => {
      requireAdmin(request.person!.isAdmin);
      await ctx.db
        .insertInto("instance_settings")
        .values({ key: "signup_mode", value: JSON.stringify(body.signupMode) })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(body.signupMode) }))
        .execute();
      ctx.settings.signupMode = body.signupMode;
      return { signupMode: body.signupMode };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/outbox",
    summary: "Mail Trellis sent or kept (administrators; shows where no SMTP server is configured)",
    tags: ["admin"],
    query: pageQuery,
    response: z.object({ items: z.array(z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.string(), sentAt: z.string().nullable(), error: z.string().nullable() })) }),
    handler: async ({ query, request }) => {
      requireAdmin(request.person!.isAdmin);
      const rows = await ctx.db.selectFrom("mail_outbox").selectAll().orderBy("created_at", "desc").limit(query.limit).execute();
      return { items: rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null, error: r.error })) };
    },
  });
}

import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ServerContext } from "../context";
import { defineRoute } from "../http/route";
import { acceptInvitation, previewInvitation } from "../use-cases/invitations/accept-invitation";

const tokenParams = z.object({ token: z.string().min(20).max(100) });

/** Invitation links: see what one offers, accept it as the signed-in person. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/invitations/:token",
    summary: "What an invitation offers (no sign-in needed)",
    tags: ["invitations"],
    auth: "none",
    params: tokenParams,
    response: z.object({ email: z.string(), role: z.string(), allianceName: z.string(), seatName: z.string().nullable(), invitedBy: z.string(), expiresAt: z.string() }),
    handler: async ({ params }) => {
      const i = await previewInvitation(ctx, params.token);
      return { email: i.email, role: i.role, allianceName: i.allianceName, seatName: i.seatName, invitedBy: i.invitedBy, expiresAt: i.expires_at.toISOString() };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/invitations/:token/accept",
    summary: "Accept an invitation as the signed-in person",
    tags: ["invitations"],
    params: tokenParams,
    response: z.object({ allianceId: z.string() }),
    handler: async ({ params, request }) => acceptInvitation(ctx, request.person!.id, params.token),
  });
}

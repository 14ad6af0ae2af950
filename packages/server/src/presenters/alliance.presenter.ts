import { can, type AllianceViewer } from "@trellis/core";
import type { loadAllianceHome } from "@trellis/db";
import { z } from "zod";

const organizationSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), sector: z.string(), website: z.string() });
const personRefSchema = z.object({ id: z.string(), displayName: z.string() });

export const allianceHomeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  purpose: z.string(),
  stage: z.string(),
  hasCompetitors: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  seats: z.array(
    z.object({
      id: z.string(),
      weight: z.number(),
      version: z.number().int(),
      organization: organizationSchema,
      people: z.array(personRefSchema.extend({ roles: z.array(z.string()) })),
    }),
  ),
  facilitators: z.array(personRefSchema),
  others: z.array(personRefSchema.extend({ role: z.string() })),
  me: z.object({ roles: z.array(z.string()), seatIds: z.array(z.string()) }),
  can: z.object({ update: z.boolean(), addSeat: z.boolean(), invite: z.boolean(), manageMembers: z.boolean(), export: z.boolean() }),
});

/** The alliance home: purpose, seats with their organizations and people, roles, and what the viewer may do. */
export function presentAllianceHome(home: NonNullable<Awaited<ReturnType<typeof loadAllianceHome>>>, viewer: AllianceViewer): z.infer<typeof allianceHomeSchema> {
  const { alliance, seats, memberships } = home;
  return {
    id: alliance.id,
    slug: alliance.slug,
    name: alliance.name,
    purpose: alliance.purpose,
    stage: alliance.stage,
    hasCompetitors: alliance.has_competitors,
    version: alliance.version,
    createdAt: alliance.created_at.toISOString(),
    updatedAt: alliance.updated_at.toISOString(),
    seats: seats.map((seat) => {
      const people = new Map<string, { id: string; displayName: string; roles: string[] }>();
      for (const m of memberships.filter((m) => m.seat_id === seat.id)) {
        const entry = people.get(m.person_id) ?? { id: m.person_id, displayName: m.display_name, roles: [] };
        entry.roles.push(m.role);
        people.set(m.person_id, entry);
      }
      return {
        id: seat.id,
        weight: seat.weight,
        version: seat.version,
        organization: { id: seat.organization_id, name: seat.name, kind: seat.kind, sector: seat.sector, website: seat.website },
        people: [...people.values()],
      };
    }),
    facilitators: memberships.filter((m) => m.role === "facilitator").map((m) => ({ id: m.person_id, displayName: m.display_name })),
    others: memberships.filter((m) => m.seat_id === null && m.role !== "facilitator").map((m) => ({ id: m.person_id, displayName: m.display_name, role: m.role })),
    me: { roles: [...viewer.roles], seatIds: [...viewer.seatIds] },
    can: {
      update: can(viewer, "alliance.update"),
      addSeat: can(viewer, "seat.create"),
      invite: viewer.roles.some((r) => r === "facilitator" || r === "delegate"),
      manageMembers: can(viewer, "membership.update"),
      export: can(viewer, "alliance.export"),
    },
  };
}

import type { AllianceRole, OrganizationKind } from "@trellis/core";
import type { ServerContext } from "../context";
import { capabilityDemoSteps } from "../capabilities";
import { signUp } from "../use-cases/accounts/sign-up";
import { createAlliance } from "../use-cases/alliances/create-alliance";
import { addMember, addSeat } from "../use-cases/alliances/manage-seats";
import { updateAlliance } from "../use-cases/alliances/update-alliance";
import { createOrganization } from "../use-cases/organizations/create-organization";
import { loadViewer } from "../use-cases/load-viewer";

export const demoPassword = "trellis-demo-2026";
export const demoFacilitatorEmail = "mara@convergence.example";
export const demoAllianceSlug = "circular-packaging-coalition";

/** What the demo made, for later steps that add their part. */
export interface DemoAlliance {
  allianceId: string;
  facilitatorId: string;
  seats: { key: string; seatId: string; organizationId: string; name: string; people: { id: string; email: string; name: string; role: AllianceRole }[] }[];
  /** A context whose clock the steps move forward through the alliance's history. */
  at: (date: string) => ServerContext;
}

/** A capability's contribution to the demo (commitments, charter, meetings...), listed in capabilities.ts. */
export type DemoStep = (ctx: ServerContext, demo: DemoAlliance) => Promise<void>;

const organizations: { key: string; name: string; kind: OrganizationKind; sector: string; website: string; weight: number; people: [string, string, AllianceRole][] }[] = [
  { key: "northwind", name: "Northwind Foods", kind: "company", sector: "Packaged foods", website: "https://northwind.example", weight: 2, people: [["Jonas Berg", "jonas@northwind.example", "delegate"], ["Lea Fischer", "lea@northwind.example", "member"]] },
  { key: "greenfield", name: "Greenfield Beverages", kind: "company", sector: "Beverages", website: "https://greenfield.example", weight: 2, people: [["Priya Raman", "priya@greenfield.example", "delegate"], ["Tom Alvarez", "tom@greenfield.example", "member"]] },
  { key: "polymer", name: "Polymer Works", kind: "company", sector: "Packaging materials", website: "https://polymerworks.example", weight: 1.5, people: [["Sven Lindqvist", "sven@polymerworks.example", "delegate"]] },
  { key: "ocean", name: "Ocean Guardians", kind: "ngo", sector: "Marine conservation", website: "https://oceanguardians.example", weight: 1, people: [["Amara Nwosu", "amara@oceanguardians.example", "delegate"]] },
  { key: "imr", name: "Institute for Materials Research", kind: "research", sector: "Applied research", website: "https://imr.example", weight: 1, people: [["Dr. Keiko Tanaka", "keiko@imr.example", "delegate"], ["Luis Ortega", "luis@imr.example", "member"]] },
  { key: "rivermouth", name: "Rivermouth Waste Agency", kind: "public_agency", sector: "Municipal waste", website: "https://rivermouth.example", weight: 1, people: [["Hannah Cole", "hannah@rivermouth.example", "delegate"]] },
];

/**
 * Creates the demo alliance: a pre-competitive coalition of two competing brands, a supplier, an
 * NGO, a research institute and a city agency, with a neutral facilitator and months of history.
 * Idempotent: does nothing when the demo alliance exists.
 */
export async function seedDemo(ctx: ServerContext): Promise<{ created: boolean; allianceId: string }> {
  const existing = await ctx.db.selectFrom("alliances").select("id").where("slug", "=", demoAllianceSlug).executeTakeFirst();
  if (existing) return { created: false, allianceId: existing.id };
  const quiet = { ...ctx, mailer: { send: async () => {}, close: () => {} } };
  const atQuiet = (date: string): ServerContext => ({ ...quiet, clock: () => new Date(date) });

  const facilitator = await signUp(quiet, { email: demoFacilitatorEmail, password: demoPassword, displayName: "Mara Okafor" }, { bypassSignupMode: true });
  const facilitation = await findOrCreateOrganization(quiet, { name: "Convergence Partners", kind: "other", sector: "Partnership brokering", website: "https://convergence.example" });
  await ctx.db.insertInto("organization_people").values({ organization_id: facilitation, person_id: facilitator.id, title: "Convergence facilitator" }).onConflict((oc) => oc.doNothing()).execute();

  const { id: allianceId } = await createAlliance(atQuiet("2026-06-02T09:00:00Z"), facilitator.id, {
    name: "Circular Packaging Coalition",
    purpose: "Make every food and drink package sold in the Rivermouth region recyclable and actually recycled by 2030, through shared standards, pilots and data no single member could build alone.",
    hasCompetitors: true,
  });
  const seats: DemoAlliance["seats"] = [];
  let day = 3;
  for (const org of organizations) {
    const when = `2026-06-${String(day++).padStart(2, "0")}T10:00:00Z`;
    const organizationId = await findOrCreateOrganization(quiet, org);
    const facilitatorViewer = await loadViewer(ctx.db, allianceId, { id: facilitator.id, email: demoFacilitatorEmail, displayName: "Mara Okafor", isAdmin: false, timeZone: "UTC" });
    const { id: seatId } = await addSeat(atQuiet(when), facilitatorViewer, allianceId, { organizationId, weight: org.weight });
    const people: DemoAlliance["seats"][number]["people"] = [];
    for (const [name, email, role] of org.people) {
      const person = await signUp(quiet, { email, password: demoPassword, displayName: name }, { bypassSignupMode: true });
      await ctx.db.insertInto("organization_people").values({ organization_id: organizationId, person_id: person.id, title: role === "delegate" ? "Alliance delegate" : "" }).onConflict((oc) => oc.doNothing()).execute();
      await addMember(atQuiet(when), facilitatorViewer, allianceId, { personId: person.id, role, seatId });
      people.push({ id: person.id, email, name, role });
    }
    seats.push({ key: org.key, seatId, organizationId, name: org.name, people });
  }
  const observer = await signUp(quiet, { email: "ines@regionalfund.example", password: demoPassword, displayName: "Inès Moreau" }, { bypassSignupMode: true });
  const facilitatorViewer = await loadViewer(ctx.db, allianceId, { id: facilitator.id, email: demoFacilitatorEmail, displayName: "Mara Okafor", isAdmin: false, timeZone: "UTC" });
  await addMember(atQuiet("2026-06-12T09:00:00Z"), facilitatorViewer, allianceId, { personId: observer.id, role: "observer", seatId: null });
  const alliance = await ctx.db.selectFrom("alliances").select("version").where("id", "=", allianceId).executeTakeFirstOrThrow();
  await updateAlliance(atQuiet("2026-06-15T09:00:00Z"), facilitatorViewer, allianceId, { version: alliance.version, stage: "active" });

  const demo: DemoAlliance = { allianceId, facilitatorId: facilitator.id, seats, at: atQuiet };
  for (const step of capabilityDemoSteps) await step(quiet, demo);
  return { created: true, allianceId };
}

async function findOrCreateOrganization(ctx: ServerContext, org: { name: string; kind: OrganizationKind; sector: string; website: string }): Promise<string> {
  const found = await ctx.db.selectFrom("organizations").select("id").where("name", "=", org.name).executeTakeFirst();
  if (found) return found.id;
  return (await createOrganization(ctx, org)).id;
}

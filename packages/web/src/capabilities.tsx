import type { RouteObject } from "react-router";
import * as language from "./language/routes";
import * as decisions from "./decisions/routes";
import * as alignment from "./alignment/routes";
import * as commitments from "./commitments/routes";
import * as rhythm from "./rhythm/routes";
import * as charter from "./charter/routes";
import * as health from "./health/routes";

/** A part of an alliance a person can open from the alliance home ("Commitments", "Charter", …). */
export interface AllianceSection {
  /** The link text. */
  label: string;
  /** One line on what the section is for, shown under the link. */
  description: string;
  /** The section's path for an alliance. */
  path: (allianceId: string) => string;
}

/**
 * Each capability's pages plug in here: its routes (all behind sign-in) and the sections it adds
 * to the alliance home. A capability keeps its pages, API hooks and components in its own folder
 * (src/<capability>/) and exports `routes` and `sections` from src/<capability>/routes.tsx.
 */
const capabilities: { routes: RouteObject[]; sections: AllianceSection[] }[] = [commitments, alignment, charter, decisions, language, rhythm, health];

/** Every capability's signed-in routes. */
export const capabilityRoutes: RouteObject[] = capabilities.flatMap((capability) => capability.routes);

/** Every capability's sections of the alliance home, in the order of the list above. */
export const allianceSections: AllianceSection[] = capabilities.flatMap((capability) => capability.sections);

import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** The charter's pages: the living charter, one amendment, and the versions with their diffs. */
export const routes: RouteObject[] = [
  lazyPage("/alliances/:id/charter", () => import("./charter-page"), (m) => m.CharterPage),
  lazyPage("/alliances/:id/charter/amendments/:amendmentId", () => import("./amendment-page"), (m) => m.AmendmentPage),
  lazyPage("/alliances/:id/charter/versions", () => import("./versions-page"), (m) => m.CharterVersionsPage),
];

export const sections: AllianceSection[] = [
  { label: "Charter", description: "The shared purpose, scope and rules, amended and ratified by every partner.", path: (allianceId) => `/alliances/${allianceId}/charter` },
];

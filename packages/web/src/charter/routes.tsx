import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { AmendmentPage } from "./amendment-page";
import { CharterPage } from "./charter-page";
import { CharterVersionsPage } from "./versions-page";

/** The charter's pages: the living charter, one amendment, and the versions with their diffs. */
export const routes: RouteObject[] = [
  { path: "/alliances/:id/charter", element: <CharterPage /> },
  { path: "/alliances/:id/charter/amendments/:amendmentId", element: <AmendmentPage /> },
  { path: "/alliances/:id/charter/versions", element: <CharterVersionsPage /> },
];

export const sections: AllianceSection[] = [
  { label: "Charter", description: "The shared purpose, scope and rules, amended and ratified by every partner.", path: (allianceId) => `/alliances/${allianceId}/charter` },
];

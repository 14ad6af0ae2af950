import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** The alignment map's pages: the maps of an alliance, one map (statements, voting), its results (with the chart library). */
export const routes: RouteObject[] = [
  lazyPage("/alliances/:id/alignment", () => import("./alignment-maps-page"), (m) => m.AlignmentMapsPage),
  lazyPage("/alliances/:id/alignment/:mapId", () => import("./alignment-map-page"), (m) => m.AlignmentMapPage),
  lazyPage("/alliances/:id/alignment/:mapId/results", () => import("./alignment-results-page"), (m) => m.AlignmentResultsPage),
];

export const sections: AllianceSection[] = [
  {
    label: "Alignment maps",
    description: "Where people and partners really stand on a question: opinion groups, common ground and divergence.",
    path: (allianceId) => `/alliances/${allianceId}/alignment`,
  },
];

import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { AlignmentMapPage } from "./alignment-map-page";
import { AlignmentMapsPage } from "./alignment-maps-page";

/** The alignment map's pages: the maps of an alliance, one map (statements, voting), its results. */
export const routes: RouteObject[] = [
  { path: "/alliances/:id/alignment", element: <AlignmentMapsPage /> },
  { path: "/alliances/:id/alignment/:mapId", element: <AlignmentMapPage /> },
  // The results page carries the chart library: it loads only when someone opens it.
  { path: "/alliances/:id/alignment/:mapId/results", lazy: async () => ({ Component: (await import("./alignment-results-page")).AlignmentResultsPage }) },
];

export const sections: AllianceSection[] = [
  {
    label: "Alignment maps",
    description: "Where people and partners really stand on a question: opinion groups, common ground and divergence.",
    path: (allianceId) => `/alliances/${allianceId}/alignment`,
  },
];

import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { CockpitPage } from "./cockpit-page";

/** Health: the facilitator's cockpit and an alliance's health page. */
export const routes: RouteObject[] = [
  { path: "/cockpit", element: <CockpitPage /> },
  // The health page carries the chart library: it loads only when someone opens it.
  { path: "/alliances/:id/health", lazy: async () => ({ Component: (await import("./alliance-health-page")).AllianceHealthPage }) },
];

export const sections: AllianceSection[] = [
  {
    label: "Health",
    description: "The Collaboration Capacity Index: rhythm, language, presence, authorship, trust and candor, with alerts and the evidence behind them.",
    path: (allianceId) => `/alliances/${allianceId}/health`,
  },
];

import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** Health: the facilitator's cockpit and an alliance's health page (with the chart library). */
export const routes: RouteObject[] = [
  lazyPage("/cockpit", () => import("./cockpit-page"), (m) => m.CockpitPage),
  lazyPage("/alliances/:id/health", () => import("./alliance-health-page"), (m) => m.AllianceHealthPage),
];

export const sections: AllianceSection[] = [
  {
    label: "Health",
    description: "The Collaboration Capacity Index: rhythm, language, presence, authorship, trust and candor, with alerts and the evidence behind them.",
    path: (allianceId) => `/alliances/${allianceId}/health`,
  },
];

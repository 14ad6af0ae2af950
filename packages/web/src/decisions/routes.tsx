import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** The decisions pages: proposals, one proposal, and the decision log. */
export const routes: RouteObject[] = [
  lazyPage("/alliances/:id/proposals", () => import("./proposals-page"), (m) => m.ProposalsPage),
  lazyPage("/alliances/:id/proposals/:proposalId", () => import("./proposal-page"), (m) => m.ProposalPage),
  lazyPage("/alliances/:id/decision-log", () => import("./decision-log-page"), (m) => m.DecisionLogPage),
];

export const sections: AllianceSection[] = [
  { label: "Decisions", description: "Proposals, positions per seat, and their outcomes.", path: (allianceId) => `/alliances/${allianceId}/proposals` },
  { label: "Decision log", description: "What was decided, by which seats, and when to review it.", path: (allianceId) => `/alliances/${allianceId}/decision-log` },
];

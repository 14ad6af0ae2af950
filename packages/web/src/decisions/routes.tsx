import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { DecisionLogPage } from "./decision-log-page";
import { ProposalPage } from "./proposal-page";
import { ProposalsPage } from "./proposals-page";

/** The decisions pages: proposals, one proposal, and the decision log. */
export const routes: RouteObject[] = [
  { path: "/alliances/:id/proposals", element: <ProposalsPage /> },
  { path: "/alliances/:id/proposals/:proposalId", element: <ProposalPage /> },
  { path: "/alliances/:id/decision-log", element: <DecisionLogPage /> },
];

export const sections: AllianceSection[] = [
  { label: "Decisions", description: "Proposals, positions per seat, and their outcomes.", path: (allianceId) => `/alliances/${allianceId}/proposals` },
  { label: "Decision log", description: "What was decided, by which seats, and when to review it.", path: (allianceId) => `/alliances/${allianceId}/decision-log` },
];

import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { AssumptionPage, AssumptionsPage } from "./assumption-pages";
import { BreakdownPage, BreakdownsPage } from "./breakdown-pages";
import { LearningPage, LearningsPage } from "./learning-pages";
import { PulsePage } from "./pulse-page";
import { PulsesPage } from "./pulses-page";
import { RegistersPage } from "./registers-page";
import { StoryPage } from "./story-page";
import { TensionPage, TensionsPage } from "./tension-pages";

/** Language and presence: the registers, pulses and the alliance's story. */
export const routes: RouteObject[] = [
  { path: "/alliances/:id/registers", element: <RegistersPage /> },
  { path: "/alliances/:id/breakdowns", element: <BreakdownsPage /> },
  { path: "/alliances/:id/breakdowns/:recordId", element: <BreakdownPage /> },
  { path: "/alliances/:id/tensions", element: <TensionsPage /> },
  { path: "/alliances/:id/tensions/:recordId", element: <TensionPage /> },
  { path: "/alliances/:id/assumptions", element: <AssumptionsPage /> },
  { path: "/alliances/:id/assumptions/:recordId", element: <AssumptionPage /> },
  { path: "/alliances/:id/learnings", element: <LearningsPage /> },
  { path: "/alliances/:id/learnings/:recordId", element: <LearningPage /> },
  { path: "/alliances/:id/pulses", element: <PulsesPage /> },
  { path: "/alliances/:id/pulses/:pulseId", element: <PulsePage /> },
  { path: "/alliances/:id/story", element: <StoryPage /> },
];

export const sections: AllianceSection[] = [
  { label: "Registers", description: "Breakdowns, tensions, assumptions and learnings, surfaced and worked through.", path: (id) => `/alliances/${id}/registers` },
  { label: "Pulses", description: "Short repeated surveys of trust and presence, shown only in groups.", path: (id) => `/alliances/${id}/pulses` },
  { label: "Story", description: "The alliance's history told as a narrative, to read or export.", path: (id) => `/alliances/${id}/story` },
];

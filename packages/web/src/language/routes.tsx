import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** Language and presence: the registers, pulses and the alliance's story. */
export const routes: RouteObject[] = [
  lazyPage("/alliances/:id/registers", () => import("./registers-page"), (m) => m.RegistersPage),
  lazyPage("/alliances/:id/breakdowns", () => import("./breakdown-pages"), (m) => m.BreakdownsPage),
  lazyPage("/alliances/:id/breakdowns/:recordId", () => import("./breakdown-pages"), (m) => m.BreakdownPage),
  lazyPage("/alliances/:id/tensions", () => import("./tension-pages"), (m) => m.TensionsPage),
  lazyPage("/alliances/:id/tensions/:recordId", () => import("./tension-pages"), (m) => m.TensionPage),
  lazyPage("/alliances/:id/assumptions", () => import("./assumption-pages"), (m) => m.AssumptionsPage),
  lazyPage("/alliances/:id/assumptions/:recordId", () => import("./assumption-pages"), (m) => m.AssumptionPage),
  lazyPage("/alliances/:id/learnings", () => import("./learning-pages"), (m) => m.LearningsPage),
  lazyPage("/alliances/:id/learnings/:recordId", () => import("./learning-pages"), (m) => m.LearningPage),
  lazyPage("/alliances/:id/pulses", () => import("./pulses-page"), (m) => m.PulsesPage),
  lazyPage("/alliances/:id/pulses/:pulseId", () => import("./pulse-page"), (m) => m.PulsePage),
  lazyPage("/alliances/:id/story", () => import("./story-page"), (m) => m.StoryPage),
];

export const sections: AllianceSection[] = [
  { label: "Registers", description: "Breakdowns, tensions, assumptions and learnings, surfaced and worked through.", path: (id) => `/alliances/${id}/registers` },
  { label: "Pulses", description: "Short repeated surveys of trust and presence, shown only in groups.", path: (id) => `/alliances/${id}/pulses` },
  { label: "Story", description: "The alliance's history told as a narrative, to read or export.", path: (id) => `/alliances/${id}/story` },
];

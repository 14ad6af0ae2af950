import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** The rhythm's pages: the alliance's cadences and meetings, and one meeting. */
export const routes: RouteObject[] = [
  lazyPage("/alliances/:id/rhythm", () => import("./rhythm-page"), (m) => m.RhythmPage),
  lazyPage("/alliances/:id/meetings/:meetingId", () => import("./meeting-page"), (m) => m.MeetingPage),
];

export const sections: AllianceSection[] = [
  { label: "Rhythm", description: "Recurring meetings, co-authored agendas, minutes and calendar feeds.", path: (allianceId) => `/alliances/${allianceId}/rhythm` },
];

import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { MeetingPage } from "./meeting-page";
import { RhythmPage } from "./rhythm-page";

/** The rhythm's pages: the alliance's cadences and meetings, and one meeting. */
export const routes: RouteObject[] = [
  { path: "/alliances/:id/rhythm", element: <RhythmPage /> },
  { path: "/alliances/:id/meetings/:meetingId", element: <MeetingPage /> },
];

export const sections: AllianceSection[] = [
  { label: "Rhythm", description: "Recurring meetings, co-authored agendas, minutes and calendar feeds.", path: (allianceId) => `/alliances/${allianceId}/rhythm` },
];

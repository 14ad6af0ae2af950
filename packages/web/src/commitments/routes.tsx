import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { CommitmentPage } from "./commitment-page";
import { CommitmentsPage } from "./commitments-page";
import { LedgerPage, SeatLedgerPage } from "./ledger-page";
import { AllianceLoopsPage, LoopsPage } from "./loops-page";
import { NetworkPage } from "./network-page";
import { NewCommitmentPage } from "./new-commitment-page";
import { NotificationsPage } from "./notifications-page";

/** The commitments capability's pages: my loops, the alliance's commitments, a commitment, a new request, the ledger, the network, notifications. */
export const routes: RouteObject[] = [
  { path: "/loops", element: <LoopsPage /> },
  { path: "/notifications", element: <NotificationsPage /> },
  { path: "/alliances/:id/loops", element: <AllianceLoopsPage /> },
  { path: "/alliances/:id/commitments", element: <CommitmentsPage /> },
  { path: "/alliances/:id/commitments/new", element: <NewCommitmentPage /> },
  { path: "/alliances/:id/commitments/ledger", element: <LedgerPage /> },
  { path: "/alliances/:id/commitments/ledger/:seatId", element: <SeatLedgerPage /> },
  { path: "/alliances/:id/commitments/network", element: <NetworkPage /> },
  { path: "/alliances/:id/commitments/:commitmentId", element: <CommitmentPage /> },
];

export const sections: AllianceSection[] = [
  { label: "Commitments", description: "Who asked whom for what, and who promised what: requests, promises and the ledger.", path: (allianceId) => `/alliances/${allianceId}/commitments` },
  { label: "My loops", description: "What waits on you here, and what you wait on.", path: (allianceId) => `/alliances/${allianceId}/loops` },
  { label: "Ledger", description: "Per seat: promises made, kept on time or late, reneged, released; response times.", path: (allianceId) => `/alliances/${allianceId}/commitments/ledger` },
];

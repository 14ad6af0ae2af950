import type { RouteObject } from "react-router";
import type { AllianceSection } from "../capabilities";
import { lazyPage } from "../components/lazy-page";

/** The commitments capability's pages: my loops, the alliance's commitments, a commitment, a new request, the ledger, the network (with the graph library), notifications. */
export const routes: RouteObject[] = [
  lazyPage("/loops", () => import("./loops-page"), (m) => m.LoopsPage),
  lazyPage("/notifications", () => import("./notifications-page"), (m) => m.NotificationsPage),
  lazyPage("/alliances/:id/loops", () => import("./loops-page"), (m) => m.AllianceLoopsPage),
  lazyPage("/alliances/:id/commitments", () => import("./commitments-page"), (m) => m.CommitmentsPage),
  lazyPage("/alliances/:id/commitments/new", () => import("./new-commitment-page"), (m) => m.NewCommitmentPage),
  lazyPage("/alliances/:id/commitments/ledger", () => import("./ledger-page"), (m) => m.LedgerPage),
  lazyPage("/alliances/:id/commitments/ledger/:seatId", () => import("./ledger-page"), (m) => m.SeatLedgerPage),
  lazyPage("/alliances/:id/commitments/network", () => import("./network-page"), (m) => m.NetworkPage),
  lazyPage("/alliances/:id/commitments/:commitmentId", () => import("./commitment-page"), (m) => m.CommitmentPage),
];

export const sections: AllianceSection[] = [
  { label: "Commitments", description: "Who asked whom for what, and who promised what: requests, promises and the ledger.", path: (allianceId) => `/alliances/${allianceId}/commitments` },
  { label: "My loops", description: "What waits on you here, and what you wait on.", path: (allianceId) => `/alliances/${allianceId}/loops` },
  { label: "Ledger", description: "Per seat: promises made, kept on time or late, reneged, released; response times.", path: (allianceId) => `/alliances/${allianceId}/commitments/ledger` },
];

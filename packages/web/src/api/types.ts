import type { AllianceRole, AllianceStage, OrganizationKind } from "@trellis/core";

// The shapes the API answers with (see /api/openapi.json and packages/server/src/routes).

export type SignupMode = "open" | "invitation";

export interface Me {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  timeZone: string;
  version: number;
}

export interface Session {
  person: Me | null;
  csrfToken: string;
  signupMode: SignupMode;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AllianceSummary {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  stage: AllianceStage;
  seatCount: number;
  eventCount: number;
  updatedAt: string;
}

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface Seat {
  id: string;
  weight: number;
  version: number;
  organization: { id: string; name: string; kind: OrganizationKind; sector: string; website: string };
  people: (PersonRef & { roles: AllianceRole[] })[];
}

export interface AllianceHome {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  stage: AllianceStage;
  hasCompetitors: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  seats: Seat[];
  facilitators: PersonRef[];
  others: (PersonRef & { role: AllianceRole })[];
  me: { roles: AllianceRole[]; seatIds: string[] };
  can: { update: boolean; addSeat: boolean; invite: boolean; manageMembers: boolean; export: boolean };
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export interface Invitation {
  id: string;
  email: string;
  role: AllianceRole;
  seatId: string | null;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

export interface InvitationPreview {
  email: string;
  role: AllianceRole;
  allianceName: string;
  seatName: string | null;
  invitedBy: string;
  expiresAt: string;
}

/** One item of the activity: the list's items and the live stream's data have this shape. */
export interface ActivityItem {
  seq: number;
  type: string;
  occurredAt: string;
  actor: PersonRef | null;
  seatId: string | null;
  visibility: string;
  payload: Record<string, unknown>;
  hash: string;
}

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  sector: string;
  website: string;
  version: number;
}

export interface OrganizationDetail extends Organization {
  people: (PersonRef & { title: string })[];
  alliances: { id: string; name: string; seatId: string }[];
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

import type { AllianceRole } from "./alliance";

/** Who may see a record. Enforced in queries (db mirrors this rule in SQL) and tested against it. */
export type Visibility =
  | { level: "alliance" }
  | { level: "seats"; seatIds: readonly string[] }
  | { level: "facilitators" }
  | { level: "clean_team"; cleanTeamId: string };

export const visibilityLevels = ["alliance", "seats", "facilitators", "clean_team"] as const;
export type VisibilityLevel = (typeof visibilityLevels)[number];

/** What a person is in one alliance: their roles, the seats they act for, their clean teams. */
export interface AllianceViewer {
  personId: string;
  roles: readonly AllianceRole[];
  seatIds: readonly string[];
  cleanTeamIds: readonly string[];
}

/** True when the viewer holds any role in the alliance. */
export function isInAlliance(viewer: AllianceViewer): boolean {
  return viewer.roles.length > 0;
}

/** True when the viewer is a facilitator of the alliance. */
export function isFacilitator(viewer: AllianceViewer): boolean {
  return viewer.roles.includes("facilitator");
}

/**
 * The visibility rule: alliance records are seen by everyone with a role; seat records by
 * people acting for one of the seats and by facilitators; facilitator records by facilitators;
 * clean-team records only by that team's named members (not even facilitators, unless named).
 */
export function canSee(viewer: AllianceViewer, visibility: Visibility): boolean {
  if (!isInAlliance(viewer)) return false;
  switch (visibility.level) {
    case "alliance":
      return true;
    case "seats":
      return isFacilitator(viewer) || viewer.seatIds.some((id) => visibility.seatIds.includes(id));
    case "facilitators":
      return isFacilitator(viewer);
    case "clean_team":
      return viewer.cleanTeamIds.includes(visibility.cleanTeamId);
  }
}

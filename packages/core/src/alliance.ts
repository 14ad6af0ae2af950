import { AppError } from "./errors";

/** An alliance's lifecycle, in order. */
export const allianceStages = ["forming", "active", "renewing", "closing", "closed"] as const;
export type AllianceStage = (typeof allianceStages)[number];

/** Roles a person can hold in an alliance. A facilitator may hold no seat. */
export const allianceRoles = ["facilitator", "delegate", "member", "observer", "counsel"] as const;
export type AllianceRole = (typeof allianceRoles)[number];

export const organizationKinds = ["company", "ngo", "public_agency", "funder", "research", "other"] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

const stageMoves: Record<AllianceStage, readonly AllianceStage[]> = {
  forming: ["active", "closing"],
  active: ["renewing", "closing"],
  renewing: ["active", "closing"],
  closing: ["closed", "active"],
  closed: [],
};

/** True when an alliance may move from one lifecycle stage to the other. */
export function canMoveStage(from: AllianceStage, to: AllianceStage): boolean {
  return stageMoves[from].includes(to);
}

/** Throws illegal_move unless the lifecycle allows from -> to. */
export function assertStageMove(from: AllianceStage, to: AllianceStage): void {
  if (!canMoveStage(from, to)) {
    throw new AppError("illegal_move", `An alliance cannot move from ${from} to ${to}.`, { from, to, allowed: stageMoves[from] });
  }
}

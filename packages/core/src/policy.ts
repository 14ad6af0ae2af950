import type { AllianceRole } from "./alliance";
import type { AllianceViewer } from "./visibility";

/**
 * Every "can this person do X in this alliance" lives in this one table.
 * A rule lists the roles allowed; "own_seat" rules also require the target seat to be one
 * the viewer acts for (a facilitator passes without it).
 */
export const allianceActions = {
  "alliance.view": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  "alliance.update": { roles: ["facilitator"] },
  "alliance.export": { roles: ["facilitator", "delegate", "counsel"] },
  "seat.create": { roles: ["facilitator"] },
  "seat.update": { roles: ["facilitator"] },
  "membership.update": { roles: ["facilitator"] },
  "invitation.create": { roles: ["facilitator", "delegate"], ownSeat: true },
  "event.view": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  "record.create": { roles: ["facilitator", "delegate", "member"] },
  "clean_team.manage": { roles: ["facilitator", "counsel"] },
  // Charter: delegates answer for their seats; facilitators draft the first charter and steward the process.
  "charter.view": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  "charter.create": { roles: ["facilitator"] },
  "amendment.propose": { roles: ["delegate"], ownSeat: true },
  "amendment.ratify": { roles: ["delegate"], ownSeat: true },
  "amendment.comment": { roles: ["facilitator", "delegate", "member", "counsel"] },
  "amendment.settle": { roles: ["facilitator"] },
  "renewal.open": { roles: ["facilitator"] },
  "renewal.answer": { roles: ["delegate"], ownSeat: true },
  // Decisions: people who act for a seat take positions; facilitators steward closing and the log.
  "decision.view": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  "proposal.create": { roles: ["facilitator", "delegate", "member"] },
  "position.take": { roles: ["delegate", "member"], ownSeat: true },
  "proposal.close": { roles: ["facilitator"] },
  "outcome.record": { roles: ["facilitator"] },
  // Alignment map: facilitators and delegates open maps; people who act for a seat vote (a neutral
  // facilitator does not); facilitators moderate statements and close maps.
  "alignment.open": { roles: ["facilitator", "delegate"] },
  "alignment.contribute": { roles: ["facilitator", "delegate", "member"] },
  "alignment.vote": { roles: ["delegate", "member"] },
  "alignment.moderate": { roles: ["facilitator"] },
  // Commitments: people who act for a seat ask and promise (core decides which party may make
  // which move); a facilitator may nudge the party a loop waits on, never move for them.
  "commitment.view": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  "commitment.create": { roles: ["delegate", "member"], ownSeat: true },
  "commitment.move": { roles: ["delegate", "member"] },
  "commitment.nudge": { roles: ["facilitator"] },
  // Rhythm: facilitators keep the cadences and run meetings (order, time-box, minutes); a seat's
  // delegate adds items for that seat; everyone with a role attends (acknowledges, objects, rates).
  "cadence.manage": { roles: ["facilitator"] },
  "meeting.open": { roles: ["facilitator", "delegate"] },
  "agenda_item.create": { roles: ["facilitator", "delegate"], ownSeat: true },
  "meeting.facilitate": { roles: ["facilitator"] },
  "meeting.attend": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  // Registers: people acting for a seat (and facilitators) name breakdowns, raise tensions, record
  // assumptions and learnings, comment and link; facilitators and a concerned seat's delegate steward
  // them (close, move, test). Only facilitators may read who raised an anonymous tension, and only
  // when its author chose to tell them.
  "register.record": { roles: ["facilitator", "delegate", "member"] },
  "register.steward": { roles: ["facilitator", "delegate"], ownSeat: true },
  "tension.disclosure.view": { roles: ["facilitator"] },
  // Pulses: facilitators schedule them and set k; people acting for a seat answer for it; everyone
  // with a role sees the aggregates the anonymity guard lets through.
  "pulse.schedule": { roles: ["facilitator"] },
  "pulse.answer": { roles: ["delegate", "member"], ownSeat: true },
  "pulse.results": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  // Health: everyone with a role sees the alliance's index, sub-indices and which alerts are open;
  // facilitators see every seat's signals, the alerts' evidence and the suggested moves.
  "health.view": { roles: ["facilitator", "delegate", "member", "observer", "counsel"] },
  "health.evidence": { roles: ["facilitator"] },
} as const satisfies Record<string, { roles: readonly AllianceRole[]; ownSeat?: boolean }>;

export type AllianceAction = keyof typeof allianceActions;

/** True when the viewer may take the action; seatId is the seat the action targets, if any. */
export function can(viewer: AllianceViewer, action: AllianceAction, target: { seatId?: string | null } = {}): boolean {
  const rule: { roles: readonly AllianceRole[]; ownSeat?: boolean } = allianceActions[action];
  const allowedRoles = viewer.roles.filter((role) => rule.roles.includes(role));
  if (allowedRoles.length === 0) return false;
  if (!rule.ownSeat || allowedRoles.includes("facilitator")) return true;
  if (target.seatId == null) return false;
  return viewer.seatIds.includes(target.seatId);
}

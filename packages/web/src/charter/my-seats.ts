import type { AllianceHome } from "../api/types";

/** The seats this person acts for as a delegate (answers and proposals are made for one of them). */
export function delegateSeatsOf(home: AllianceHome | undefined, personId: string): { id: string; name: string }[] {
  return (home?.seats ?? []).filter((seat) => seat.people.some((p) => p.id === personId && p.roles.includes("delegate"))).map((seat) => ({ id: seat.id, name: seat.organization.name }));
}

/** A pointer from one record to another, by record type and id (e.g. a breakdown closed by a commitment). */
export interface RecordLink {
  type: string;
  id: string;
}

/** The records a breakdown can be closed with: an action is always a commitment or a proposal. */
export type ActionLink = { type: "commitment"; id: string } | { type: "proposal"; id: string };

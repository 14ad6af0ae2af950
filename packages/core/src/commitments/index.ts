// Commitments: conversations for action (reference/conversation-for-action.md) — the state
// machine, my loops, deadlines and nudges, and the ledger's trust measures. Pure: time is passed in.
export * from "./commitment";
export * from "./moves";
export * from "./apply-move";
export * from "./replay-commitment";
export * from "./whose-turn";
export * from "./assess-deadline";
export * from "./plan-nudge";
export * from "./classify-my-loops";
export * from "./list-escalations";
export * from "./measure-ledger";

export * from "./pulse-bank";
export * from "./build-pulse";
export * from "./score-pulse-value";
export * from "./min-group-size";
export * from "./pulse-response-rate";
export {
  createAnonymityGuard,
  hiddenMessage,
  isPulseQueryAllowedFor,
  isShownPulseAnswer,
  pulseMeasures,
  type AnonymityGuard,
  type CreateAnonymityGuardInput,
  type HiddenPulseAnswer,
  type PulseAnswer,
  type PulseAudience,
  type PulseCell,
  type PulseMeasure,
  type PulseQuery,
  type PulseQueryFilter,
  type PulseResponse,
  type ShownPulseAnswers,
  type ShownPulseCount,
  type ShownPulseDistribution,
  type ShownPulseMean,
} from "./anonymity-guard";
export * from "./pulse-results";
export * from "./build-pulse-responses";

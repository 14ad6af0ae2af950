import { healthServiceFor } from "../health/health-service";
import type { DemoStep } from "./seed-demo";

/** The end of the demo's history: the health picture the demo shows first. */
export const healthDemoAsOf = "2026-11-24T12:00:00Z";

/**
 * Computes the demo alliance's health over its whole history (June to November 2026) as the
 * refresh job would, so its alerts are stored with their evidence and announced to the
 * facilitator in the activity (health.alert_raised) before anyone opens the cockpit. The picture
 * comes from what the other steps recorded: a coalition whose work is all near-term deliverables
 * (short-termism), a candor dimension weakened by divergence nobody named, trust dented by
 * reneged promises.
 */
export const healthDemoStep: DemoStep = async (_ctx, demo) => {
  const ctx = demo.at(healthDemoAsOf);
  await healthServiceFor(ctx).refresh(demo.allianceId, ctx.clock());
};

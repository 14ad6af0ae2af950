import type { RouteModule } from "./app";
import type { DemoStep } from "./demo/seed-demo";
import type { ScheduledJob } from "./jobs/job-runner";
import { registerRhythmRoutes } from "./routes/rhythm.routes";
import { registerCalendarRoutes } from "./routes/calendar.routes";
import { rhythmDemoStep } from "./demo/rhythm-demo";
import { rhythmRemindersJob } from "./jobs/rhythm-reminders";
import { registerRegisterRoutes } from "./routes/registers.routes";
import { registerPulseRoutes } from "./routes/pulses.routes";
import { registerStoryRoutes } from "./routes/story.routes";
import { publishAnonymousTensionsJob } from "./use-cases/registers/publish-anonymous-tensions";
import { pulseCycleJob } from "./use-cases/pulses/close-pulse";
import { languageDemoStep } from "./demo/language-demo";
import { registerCommitmentRoutes } from "./routes/commitments.routes";
import { registerNotificationRoutes } from "./routes/notifications.routes";
import { seedCommitmentsDemo } from "./demo/commitments-demo";
import { overdueRemindersJob } from "./jobs/commitment-reminders";
import { dailyDigestJob } from "./jobs/commitment-digest";
import { registerCharterRoutes } from "./routes/charter.routes";
import { registerDecisionRoutes } from "./routes/decisions.routes";
import { closeDueProposalsJob, openDueRenewalsJob } from "./jobs/decision-jobs";
import { seedCharterDecisionsDemo } from "./demo/charter-decisions-demo";
import { registerAlignmentRoutes } from "./routes/alignment.routes";
import { alignmentDemoStep } from "./demo/alignment-demo";
import { registerHealthRoutes } from "./routes/health.routes";
import { healthRefreshJob } from "./jobs/health-refresh";
import { healthDemoStep } from "./demo/health-demo";

/**
 * Each capability plugs in here: its routes, its part of the demo, its scheduled jobs.
 * Keep one line per capability; the order of demo steps is the order below.
 */
export const capabilityRoutes: RouteModule[] = [registerAlignmentRoutes];
export const capabilityDemoSteps: DemoStep[] = [alignmentDemoStep];
export const capabilityJobs: ScheduledJob[] = [];

// Commitments (conversations for action, the ledger) and the notifications inbox.
capabilityRoutes.push(registerCommitmentRoutes, registerNotificationRoutes);
capabilityDemoSteps.push(seedCommitmentsDemo);
capabilityJobs.push(overdueRemindersJob, dailyDigestJob);

// Shared authorship: the charter (amendments, ratification, renewal) and decisions.
capabilityRoutes.push(registerCharterRoutes, registerDecisionRoutes);
capabilityDemoSteps.push(seedCharterDecisionsDemo);
capabilityJobs.push(openDueRenewalsJob, closeDueProposalsJob);

// Language and presence: breakdowns, tensions, assumptions, learnings, pulses and the alliance's story.
capabilityRoutes.push(registerRegisterRoutes, registerPulseRoutes, registerStoryRoutes);
capabilityDemoSteps.push(languageDemoStep);
capabilityJobs.push(publishAnonymousTensionsJob, pulseCycleJob);

// Rhythm: cadences, meetings with co-authored agendas and versioned minutes, calendar feeds, reminders.
capabilityRoutes.push(registerRhythmRoutes, registerCalendarRoutes);
capabilityDemoSteps.push(rhythmDemoStep);
capabilityJobs.push(rhythmRemindersJob);

// Health: the Collaboration Capacity Index, its alerts with evidence, and the facilitator's portfolio.
capabilityRoutes.push(registerHealthRoutes);
capabilityDemoSteps.push(healthDemoStep);
capabilityJobs.push(healthRefreshJob);

import { isAppError } from "@trellis/core";
import { charterRenewalStatus, charterRules } from "@trellis/core/charter";
import { listChartersWithoutOpenRound, listDueProposals, loadCharterAdoptedOn, loadCharterVersion } from "@trellis/db";
import type { ServerContext } from "../context";
import { openRenewalRound } from "../use-cases/charter/open-renewal-round";
import { closeProposal } from "../use-cases/decisions/close-proposal";
import type { ScheduledJob } from "./job-runner";

/**
 * Shared authorship's scheduled jobs (charter renewal and decision closing). Each runs under its
 * lease (job-runner.ts), so with several instances one runs it at a time.
 */

/**
 * Opens a renewal round for every alliance whose renewal period has come due and that has no
 * open round. The partial unique index on open rounds makes a second opener fail, never double.
 */
export const openDueRenewalsJob: ScheduledJob = {
  name: "charter-renewals",
  intervalMs: 60 * 60_000,
  async run(ctx: ServerContext, now: Date) {
    const jobCtx = { ...ctx, clock: () => now };
    for (const head of await listChartersWithoutOpenRound(ctx.db)) {
      const charter = await loadCharterVersion(ctx.db, head.alliance_id, head.current_version);
      const adoptedOn = await loadCharterAdoptedOn(ctx.db, head.alliance_id);
      if (!charter || !adoptedOn) continue;
      const status = charterRenewalStatus({ adoptedOn, renewedOn: head.renewed_on, periodMonths: charterRules(charter).renewalPeriodMonths, now });
      if (!status.isDue) continue;
      try {
        await openRenewalRound(jobCtx, null, head.alliance_id);
      } catch (error) {
        // Another instance opened it meanwhile, or the alliance has no seats: nothing to do.
        if (!isAppError(error)) ctx.log(`Renewal round for alliance ${head.alliance_id} failed: ${(error as Error).message}`);
      }
    }
  },
};

/**
 * Closes the proposals whose closing time has come and freezes their outcomes (proposal.closed,
 * no actor). Each close is its own transaction; a proposal closed by hand meanwhile is skipped.
 */
export const closeDueProposalsJob: ScheduledJob = {
  name: "decision-closing",
  intervalMs: 60_000,
  async run(ctx: ServerContext, now: Date) {
    const jobCtx = { ...ctx, clock: () => now };
    for (;;) {
      const due = await listDueProposals(ctx.db, now, 100);
      for (const proposal of due) {
        try {
          await closeProposal(jobCtx, null, proposal.alliance_id, proposal.id);
        } catch (error) {
          ctx.log(`Closing proposal ${proposal.id} failed: ${(error as Error).message}`);
          return;
        }
      }
      if (due.length < 100) return;
    }
  },
};

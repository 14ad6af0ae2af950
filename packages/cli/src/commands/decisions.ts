import fs from "node:fs";
import { AppError } from "@trellis/core";
import { decisionMethodKinds } from "@trellis/core/decisions";
import { openContext, readConfig, runJobOnce } from "@trellis/server";
import { closeDueProposalsJob } from "@trellis/server/jobs/decision-jobs";
import type { ProposalView } from "@trellis/server/presenters/decision.presenter";
import { exportDecisionLog } from "@trellis/server/use-cases/decisions/show-decision-log";
import { getProposalView, listProposalPage } from "@trellis/server/use-cases/decisions/show-proposal";
import type { Command } from "commander";
import { actInAlliance, withActingOptions, type ActingOptions } from "./charter";

const resultWords: Record<string, string> = {
  passed: "passed",
  failed: "did not pass",
  chosen: "chosen",
  tied: "tied",
  no_votes: "no positions",
  no_quorum: "no quorum",
  awaiting_decision: "awaiting the decider",
};

function formatProposal(p: ProposalView): string {
  const lines = [`“${p.title}” — ${p.method.kind.replace(/_/g, " ")}, ${p.state}${p.closesAt ? `, closes ${p.closesAt}` : ""}`];
  lines.push(`  id:        ${p.id}`);
  lines.push(`  proposer:  ${p.proposer.displayName}${p.proposer.seatName ? ` (${p.proposer.seatName})` : ""}`);
  if (p.body) lines.push(`  text:      ${p.body}`);
  if (p.options.length) lines.push(`  options:   ${p.options.map((o) => `${o.id} ${o.label}`).join("; ")}`);
  if (p.anonymous) lines.push("  positions are anonymous");
  lines.push(`  taking part: ${p.participation.seatsTakingPart.length} of ${p.seats.length} seats, ${p.participation.positionCount} position(s)`);
  if (!p.resultsVisible) lines.push("  results are hidden until it closes");
  if (p.outcome) {
    const o = p.outcome;
    lines.push(`  result:    ${resultWords[o.result] ?? o.result}${o.winners.length ? `: ${o.winners.map((w) => w.label).join(" / ")}` : ""}${o.final ? "" : " (so far)"}`);
    lines.push(`  quorum:    ${o.quorum.participating} of ${o.quorum.required} seats required${o.quorum.met ? "" : " (not met)"}`);
    for (const line of o.tally) lines.push(`    ${line.label.padEnd(24)} by person ${String(Number(line.byPerson.toFixed(2))).padStart(6)}   by seat ${String(Number(line.bySeat.toFixed(2))).padStart(6)}`);
    for (const seat of o.seats) lines.push(`    ${seat.name.padEnd(36)} ${seat.participated ? (seat.stance ?? (seat.split ? "split" : "took part")) : "did not take part"}${seat.split && seat.stance !== "split" ? " (split)" : ""}`);
  }
  if (p.statement) lines.push(`  outcome:   ${p.statement.statement} (review on ${p.statement.reviewOn})`);
  return lines.join("\n");
}

/** trellis decision list | show | log | close-due */
export function registerDecisionCommands(program: Command): void {
  const decision = program.command("decision").description("Read an alliance's decisions: proposals, tallies per seat, the decision log");

  withActingOptions(decision.command("list").description("List proposals, newest first").argument("<alliance>", "alliance id or slug"))
    .option("--state <state>", "open or closed")
    .option("--method <method>", decisionMethodKinds.join(", "))
    .option("-q, --query <text>", "search titles and descriptions")
    .action(async (ref: string, options: ActingOptions & { state?: string; method?: string; query?: string }) => {
      if (options.state !== undefined && options.state !== "open" && options.state !== "closed") throw new AppError("validation_failed", "--state is open or closed.");
      if (options.method !== undefined && !(decisionMethodKinds as readonly string[]).includes(options.method)) throw new AppError("validation_failed", `--method is one of ${decisionMethodKinds.join(", ")}.`);
      await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
        const page = await listProposalPage(ctx, viewer, allianceId, { state: options.state as "open" | "closed" | undefined, method: options.method, q: options.query, limit: 200 });
        if (options.json) return console.log(JSON.stringify(page.items, null, 2));
        if (page.items.length === 0) return console.log("No proposals.");
        for (const p of page.items) {
          const result = p.result ? resultWords[p.result] ?? p.result : p.closesAt ? `open until ${p.closesAt.slice(0, 16).replace("T", " ")}` : "open";
          console.log(`${p.id}  ${p.createdAt.slice(0, 10)}  ${p.method.kind.padEnd(13)} ${result.padEnd(26)} “${p.title}”  ${p.seatsTakingPart} seat(s) taking part`);
        }
      });
    });

  withActingOptions(decision.command("show").description("Show a proposal with its tally per person and per seat (as the API shows it to you)").argument("<alliance>", "alliance id or slug").argument("<proposal>", "proposal id")).action(
    async (ref: string, proposalId: string, options: ActingOptions) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(proposalId)) throw new AppError("validation_failed", "Give the proposal's id (trellis decision list shows them).");
      await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
        const view = await getProposalView(ctx, viewer, allianceId, proposalId);
        console.log(options.json ? JSON.stringify(view, null, 2) : formatProposal(view));
      });
    },
  );

  withActingOptions(decision.command("log").description("Export the decision log as CSV or Markdown").argument("<alliance>", "alliance id or slug"))
    .option("--format <format>", "csv or markdown", "markdown")
    .option("-q, --query <text>", "search titles, descriptions and outcome statements")
    .option("-o, --out <file>", "write to a file (default: standard output)")
    .action(async (ref: string, options: ActingOptions & { format: string; query?: string; out?: string }) => {
      if (options.format !== "csv" && options.format !== "markdown") throw new AppError("validation_failed", "--format is csv or markdown.");
      await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
        const file = await exportDecisionLog(ctx, viewer, allianceId, { format: options.format as "csv" | "markdown", q: options.query });
        if (options.out) {
          fs.writeFileSync(options.out, file.body);
          console.log(`Wrote ${options.out}.`);
        } else process.stdout.write(file.body);
      });
    });

  decision
    .command("close-due")
    .description("Close every proposal whose closing time has come, now (the server does this every minute)")
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)")
    .action(async (options: { databaseUrl?: string; dataDir?: string }) => {
      const ctx = await openContext(readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, demo: false }), () => {});
      try {
        const before = await ctx.db.selectFrom("decision_proposals").select("id").where("state", "=", "closed").execute();
        const ran = await runJobOnce(ctx, closeDueProposalsJob, `cli-${process.pid}`);
        const after = await ctx.db.selectFrom("decision_proposals").select("id").where("state", "=", "closed").execute();
        console.log(ran ? `Closed ${after.length - before.length} proposal(s).` : "Another instance is closing proposals right now; nothing done.");
      } finally {
        ctx.mailer.close();
        await ctx.database.close();
      }
    });
}

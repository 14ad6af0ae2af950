import { AppError, type AllianceViewer } from "@trellis/core";
import { amendmentStates, type AmendmentState } from "@trellis/core/charter";
import { openContext, readConfig, type ServerContext } from "@trellis/server";
import type { CharterView } from "@trellis/server/presenters/charter.presenter";
import { listAmendmentPage } from "@trellis/server/use-cases/charter/show-amendment";
import { getCharterDiff, getCharterView } from "@trellis/server/use-cases/charter/show-charter";
import { getRenewalView } from "@trellis/server/use-cases/charter/show-renewal";
import { loadViewer } from "@trellis/server/use-cases/load-viewer";
import type { Command } from "commander";

export interface ActingOptions {
  as: string;
  json?: boolean;
  databaseUrl?: string;
  dataDir?: string;
}

/** The options every charter and decision command takes: who acts, the database, JSON output. */
export const withActingOptions = (command: Command) =>
  command
    .requiredOption("--as <email>", "act as this person: the CLI reads through the same use cases and policies as the API, as that person")
    .option("--json", "print JSON (the API's shape) instead of text")
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)");

/** Opens the database as the server would, resolves the alliance and the acting person, runs, closes. */
export async function actInAlliance<T>(options: ActingOptions, ref: string, run: (ctx: ServerContext, viewer: AllianceViewer, allianceId: string) => Promise<T>): Promise<T> {
  const ctx = await openContext(readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, demo: false }), () => {});
  try {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
    const alliance = await ctx.db
      .selectFrom("alliances")
      .select("id")
      .where((eb) => (isUuid ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
      .executeTakeFirst();
    if (!alliance) throw new AppError("not_found", `No alliance ${ref} (give its id or slug).`);
    const person = await ctx.db.selectFrom("people").select(["id", "email", "display_name", "is_admin", "time_zone"]).where("email", "=", options.as.trim().toLowerCase()).executeTakeFirst();
    if (!person) throw new AppError("not_found", `No person with the email ${options.as}.`);
    const viewer = await loadViewer(ctx.db, alliance.id, { id: person.id, email: person.email, displayName: person.display_name, isAdmin: person.is_admin, timeZone: person.time_zone });
    return await run(ctx, viewer, alliance.id);
  } finally {
    ctx.mailer.close();
    await ctx.database.close();
  }
}

const sectionTitles: Record<string, string> = {
  purpose: "Purpose",
  scope: "Scope",
  principles: "Principles",
  governance: "Governance",
  objectives: "Objectives",
  contributions: "Contributions",
};

function ruleText(rule: CharterView["rules"]["amendmentRule"]): string {
  if (rule.kind === "unanimous") return "every seat consents";
  const share = `${rule.threshold.numerator}/${rule.threshold.denominator}`;
  return rule.kind === "qualified_majority" ? `${share} of the seats consent` : `seats holding ${share} of the weight consent`;
}

/** The charter as readable text: sections, clauses with who wrote and amended them, the balance, the rules, renewal. */
export function formatCharter(view: CharterView): string {
  const lines: string[] = [];
  lines.push(`Charter version ${view.version}${view.isCurrent ? " (in force)" : ` (the version in force is ${view.currentVersion})`}${view.adoptedAt ? `, adopted ${view.adoptedAt.slice(0, 10)}` : ""}`);
  for (const section of view.sections) {
    if (section.clauses.length === 0) continue;
    lines.push("", sectionTitles[section.section] ?? section.section);
    for (const clause of section.clauses) {
      const tags = [clause.seatName ? `${clause.seatName}'s own` : null, clause.scopeSide === "in" ? "in scope" : clause.scopeSide === "out" ? "out of scope" : null].filter(Boolean);
      lines.push(`  - ${tags.length ? `[${tags.join(", ")}] ` : ""}${clause.text}`);
      const wrote = clause.authors.wroteBy ? clause.authors.wroteBy.name : "the facilitator";
      const amended = clause.authors.amendedBy.length ? `; amended by ${clause.authors.amendedBy.map((s) => s.name).join(", ")}` : "";
      const open = clause.openAmendments ? `; ${clause.openAmendments} open amendment(s)` : "";
      lines.push(`      written by ${wrote}${amended} (revision ${clause.revision})${open}`);
    }
  }
  lines.push("", "Authorship balance");
  for (const seat of view.authorship.seats) lines.push(`  ${seat.name.padEnd(36)} wrote ${seat.wrote}, amended ${seat.amended} (${Math.round(seat.share * 100)}%)`);
  if (view.authorship.equity !== null) lines.push(`  equity (1 - Gini): ${view.authorship.equity.toFixed(2)}`);
  lines.push("", `Amendments: ${ruleText(view.rules.amendmentRule)}. Renewal every ${view.rules.renewalPeriodMonths} months.`);
  if (view.renewal) {
    const r = view.renewal;
    lines.push(
      r.isOverdue
        ? `Renewal overdue by ${r.overdueByDays} day(s) (due ${r.nextDueOn}${r.renewedOn ? `; renewed on ${r.renewedOn}` : ""}).`
        : `${r.renewedOn ? `Renewed on ${r.renewedOn}; ` : ""}next renewal due ${r.nextDueOn}${r.isDue ? " (today)" : ""}.`,
    );
  }
  return lines.join("\n");
}

/** trellis charter show | diff | amendments | renewal */
export function registerCharterCommands(program: Command): void {
  const charter = program.command("charter").description("Read an alliance's charter: clauses by section with their authors, versions and diffs, amendments, renewal");

  withActingOptions(charter.command("show").description("Show the charter in force (or --version N), clause by clause with who wrote and amended each").argument("<alliance>", "alliance id or slug"))
    .option("--version <n>", "an earlier version")
    .action(async (ref: string, options: ActingOptions & { version?: string }) => {
      await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
        const version = options.version === undefined ? undefined : Number(options.version);
        if (version !== undefined && (!Number.isInteger(version) || version < 0)) throw new AppError("validation_failed", "--version is a whole number.");
        const view = await getCharterView(ctx, viewer, allianceId, { version });
        console.log(options.json ? JSON.stringify(view, null, 2) : formatCharter(view));
      });
    });

  withActingOptions(charter.command("diff").description("A word-level diff between two versions: [-removed-] {+added+}").argument("<alliance>", "alliance id or slug"))
    .requiredOption("--from <n>", "the older version")
    .option("--to <n>", "the newer version (default: the version in force)")
    .action(async (ref: string, options: ActingOptions & { from: string; to?: string }) => {
      await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
        const from = Number(options.from);
        const to = options.to === undefined ? undefined : Number(options.to);
        if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new AppError("validation_failed", "--from and --to are version numbers.");
        const diff = await getCharterDiff(ctx, viewer, allianceId, { from, to });
        if (options.json) return console.log(JSON.stringify(diff, null, 2));
        console.log(`From version ${diff.fromVersion} to ${diff.toVersion}: ${diff.changed} changed, ${diff.added} added, ${diff.removed} removed.`);
        for (const clause of diff.clauses.filter((c) => c.change !== "unchanged")) {
          const text = clause.parts.map((p) => (p.op === "equal" ? p.text : p.op === "delete" ? `[-${p.text}-]` : `{+${p.text}+}`)).join("");
          console.log(`\n${clause.change} (${sectionTitles[clause.section] ?? clause.section}${clause.seatName ? `, ${clause.seatName}` : ""}):\n  ${text}`);
        }
      });
    });

  withActingOptions(charter.command("amendments").description("List amendments, newest first").argument("<alliance>", "alliance id or slug"))
    .option("--state <states>", `comma-separated: ${amendmentStates.join(", ")}`)
    .action(async (ref: string, options: ActingOptions & { state?: string }) => {
      const states = options.state?.split(",").filter(Boolean) ?? [];
      const unknown = states.filter((s) => !(amendmentStates as readonly string[]).includes(s));
      if (unknown.length) throw new AppError("validation_failed", `Unknown state(s): ${unknown.join(", ")}.`);
      await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
        const page = await listAmendmentPage(ctx, viewer, allianceId, { states: states as AmendmentState[], limit: 200 });
        if (options.json) return console.log(JSON.stringify(page.items, null, 2));
        if (page.items.length === 0) return console.log("No amendments.");
        for (const a of page.items) console.log(`${a.id}  ${a.state.padEnd(9)} draft ${a.draft}  ${a.proposedAt.slice(0, 10)}  “${a.title}”  by ${a.proposer.displayName} (${a.proposer.seatName})`);
      });
    });

  withActingOptions(charter.command("renewal").description("Renewal: renewed on, overdue by, the open round seat by seat").argument("<alliance>", "alliance id or slug")).action(async (ref: string, options: ActingOptions) => {
    await actInAlliance(options, ref, async (ctx, viewer, allianceId) => {
      const view = await getRenewalView(ctx, viewer, allianceId);
      if (options.json) return console.log(JSON.stringify(view, null, 2));
      const s = view.status;
      if (!s) return console.log("No charter is in force yet: nothing to renew.");
      console.log(s.isOverdue ? `Renewal overdue by ${s.overdueByDays} day(s) (due ${s.nextDueOn}).` : `Next renewal due ${s.nextDueOn}.`);
      console.log(s.renewedOn ? `Renewed on ${s.renewedOn}.` : "Not renewed since the charter was adopted.");
      if (view.openRound) {
        console.log(`Open round since ${view.openRound.openedOn}:`);
        for (const seat of view.openRound.seats) console.log(`  ${seat.name.padEnd(36)} ${seat.answer ?? "not answered"}${seat.concerns.map((c) => ` — “${c.reason}”`).join("")}`);
      }
    });
  });
}

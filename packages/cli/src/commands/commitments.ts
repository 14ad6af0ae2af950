import { AppError, type Visibility } from "@trellis/core";
import { commitmentStates, isMoveName, loopReasons, moveLabels, moveNames, movePayloads, type CommitmentState, type LoopReason } from "@trellis/core/commitments";
import { openContext, readConfig, type ServerContext } from "@trellis/server";
import type { CommitmentDetail, CommitmentSummary } from "@trellis/server/presenters/commitment.presenter";
import { createCommitment } from "@trellis/server/use-cases/commitments/create-commitment";
import { moveCommitment } from "@trellis/server/use-cases/commitments/move-commitment";
import { getCommitmentDetail, getMyLoops, listCommitments } from "@trellis/server/use-cases/commitments/read-commitments";
import { loadViewer, type Person } from "@trellis/server/use-cases/load-viewer";
import type { Command } from "commander";

interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
}

interface AsOptions extends DbOptions {
  as: string;
  json?: boolean;
}

const withOptions = (command: Command) =>
  command
    .requiredOption("--as <email>", "act as this person (the CLI works on the database directly, as that person, through the same use cases as the API)")
    .option("--json", "print JSON (the API's shape) instead of text")
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)");

/** Opens the database as the server would (mail goes to SMTP if configured, else to the outbox), runs, closes. */
async function withContext<T>(options: DbOptions, run: (ctx: ServerContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, demo: false }), () => {});
  try {
    return await run(ctx);
  } finally {
    ctx.mailer.close();
    await ctx.database.close();
  }
}

async function personByEmail(ctx: ServerContext, email: string): Promise<Person> {
  const row = await ctx.db.selectFrom("people").select(["id", "email", "display_name", "is_admin", "time_zone"]).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw new AppError("not_found", `No person with the email ${email}.`);
  return { id: row.id, email: row.email, displayName: row.display_name, isAdmin: row.is_admin, timeZone: row.time_zone };
}

async function allianceByRef(ctx: ServerContext, ref: string): Promise<string> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const row = await ctx.db
    .selectFrom("alliances")
    .select("id")
    .where((eb) => (isUuid ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No alliance ${ref} (give its id or slug).`);
  return row.id;
}

function parseVisibility(text: string | undefined): Visibility | undefined {
  if (text === undefined) return undefined;
  if (text === "alliance" || text === "facilitators") return { level: text };
  if (text.startsWith("seats:")) return { level: "seats", seatIds: text.slice("seats:".length).split(",").filter(Boolean) };
  if (text.startsWith("clean-team:")) return { level: "clean_team", cleanTeamId: text.slice("clean-team:".length) };
  throw new AppError("validation_failed", "--visibility is alliance, facilitators, seats:<seatId,seatId…> or clean-team:<id>.");
}

function summaryLine(c: CommitmentSummary): string {
  const overdue = c.deadline.isOverdue ? ` OVERDUE ${c.deadline.overdueDays} d` : "";
  return `${c.id}  ${c.stateLabel.padEnd(21)} due ${c.dueLocal.slice(0, 16).replace("T", " ")} ${c.timeZone}${overdue}  “${c.title}”  ${c.customer.person.displayName} (${c.customer.seat.name}) → ${c.performer.person.displayName} (${c.performer.seat.name})`;
}

function printDetail(d: CommitmentDetail): void {
  console.log(`“${d.title}” — ${d.stateLabel} (version ${d.version})`);
  console.log(`  id:          ${d.id}`);
  console.log(`  customer:    ${d.customer.person.displayName} for ${d.customer.seat.name}`);
  console.log(`  performer:   ${d.performer.person.displayName} for ${d.performer.seat.name}`);
  console.log(`  conditions:  ${d.conditions}`);
  console.log(`  due:         ${d.dueLocal.replace("T", " ")} ${d.timeZone} (${d.dueAt})${d.deadline.isOverdue ? `, overdue by ${d.deadline.overdueDays} day(s)` : ""}`);
  if (d.pendingRenegotiation) {
    const p = d.pendingRenegotiation;
    console.log(`  proposed:    by the ${p.by}${p.conditions ? `; conditions: ${p.conditions}` : ""}${p.dueAt ? `; due ${p.dueAt}` : ""} (the current terms stand until accepted)`);
  }
  if (d.turn) console.log(`  waiting on:  the ${d.turn.role}, ${d.turn.reasonLabel}`);
  console.log("  thread:");
  for (const m of d.thread) {
    const terms = m.terms ? ` [${[m.terms.conditions ? `conditions: ${m.terms.conditions}` : null, m.terms.dueAt ? `due ${m.terms.dueAt}` : null].filter(Boolean).join("; ")}]` : "";
    console.log(`    ${m.at.slice(0, 16).replace("T", " ")}  ${m.by.displayName} (${m.role}): ${m.label}${terms}${m.answerBy ? ` — will answer by ${m.answerBy}` : ""}${m.message ? ` — “${m.message}”` : ""}`);
  }
  console.log(d.availableMoves.length ? `  you may now: ${d.availableMoves.map((m) => `${m.label} (${m.move})`).join(", ")}` : "  you have no move to make now");
}

const moveHelp = moveNames
  .map((m) => {
    const rule = movePayloads[m];
    const carries = [rule.terms === "required" ? "needs --conditions and/or --due" : rule.terms === "optional" ? "may carry --conditions/--due" : null, rule.answerBy ? "needs --answer-by" : null].filter(Boolean).join(", ");
    return `  ${m.padEnd(24)} "${moveLabels[m]}"${carries ? ` (${carries})` : ""}`;
  })
  .join("\n");

/** trellis commitment create | move | list | show. */
export function registerCommitmentCommands(program: Command): void {
  const commitment = program.command("commitment").description("Commitments as conversations for action: create, move, list, show (acting as a given person)");

  withOptions(
    commitment
      .command("create")
      .description("Open a commitment: request something from a person (or --offer it to them), on behalf of your seat")
      .requiredOption("--alliance <alliance>", "alliance id or slug")
      .requiredOption("--to <email>", "the other party: who performs your request (or receives your offer)")
      .requiredOption("--title <title>", "what is asked, in a few words")
      .requiredOption("--conditions <text>", "conditions of satisfaction: what done means")
      .requiredOption("--due <instant>", "due date, ISO 8601 with an offset, e.g. 2026-12-01T17:00:00+01:00")
      .option("--time-zone <zone>", "IANA time zone the due date is meant in", "UTC")
      .option("--offer", "offer to perform instead of requesting")
      .option("--seat <seatId>", "the seat you act for (when you act for several)")
      .option("--to-seat <seatId>", "the seat the other party acts for (when they act for several)")
      .option("--message <text>", "your words with the request or offer")
      .option("--visibility <who>", "alliance (default), facilitators, seats:<seatId,…> or clean-team:<id>"),
  ).action(
    async (options: AsOptions & { alliance: string; to: string; title: string; conditions: string; due: string; timeZone: string; offer?: boolean; seat?: string; toSeat?: string; message?: string; visibility?: string }) =>
      withContext(options, async (ctx) => {
        const person = await personByEmail(ctx, options.as);
        const counterpart = await personByEmail(ctx, options.to);
        const allianceId = await allianceByRef(ctx, options.alliance);
        const viewer = await loadViewer(ctx.db, allianceId, person);
        const visibility = parseVisibility(options.visibility);
        const created = await createCommitment(ctx, viewer, allianceId, {
          opening: options.offer ? "offer" : "request",
          title: options.title,
          conditions: options.conditions,
          dueAt: options.due,
          timeZone: options.timeZone,
          seatId: options.seat,
          counterpart: { personId: counterpart.id, seatId: options.toSeat },
          message: options.message,
          ...(visibility ? { visibility } : {}),
        });
        const detail = await getCommitmentDetail(ctx, viewer, allianceId, created.id);
        if (options.json) console.log(JSON.stringify(detail, null, 2));
        else printDetail(detail);
      }),
  );

  withOptions(
    commitment
      .command("move")
      .description("Make a move in a commitment you are a party to")
      .argument("<commitment>", "the commitment's id")
      .argument("<move>", `one of: ${moveNames.join(", ")}`)
      .option("--message <text>", "your words with the move")
      .option("--conditions <text>", "new conditions of satisfaction (counter, counter_again, propose_renegotiation)")
      .option("--due <instant>", "new due date, ISO 8601 with an offset")
      .option("--time-zone <zone>", "IANA time zone of the new due date")
      .option("--answer-by <instant>", "commit_to_commit: when you will answer")
      .option("--version <n>", "the version you saw; refused if someone moved since (default: the current one)")
      .addHelpText("after", `\nMoves (name, the label people see, what it carries):\n${moveHelp}\n\nWho may make which move when: \`trellis commitment show <id> --as <email>\` lists yours.`),
  ).action(async (commitmentId: string, moveName: string, options: AsOptions & { message?: string; conditions?: string; due?: string; timeZone?: string; answerBy?: string; version?: string }) => {
    if (!isMoveName(moveName)) throw new AppError("validation_failed", `Unknown move ${moveName}. Moves: ${moveNames.join(", ")}.`);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(commitmentId)) throw new AppError("validation_failed", `${commitmentId} is not a commitment id.`);
    await withContext(options, async (ctx) => {
      const person = await personByEmail(ctx, options.as);
      const row = await ctx.db.selectFrom("commitments").select(["alliance_id", "version"]).where("id", "=", commitmentId).executeTakeFirst();
      if (!row) throw new AppError("not_found", "No such commitment.");
      const viewer = await loadViewer(ctx.db, row.alliance_id, person);
      const current = await getCommitmentDetail(ctx, viewer, row.alliance_id, commitmentId);
      const version = options.version === undefined ? current.version : Number(options.version);
      if (!Number.isInteger(version) || version < 1) throw new AppError("validation_failed", "--version must be a positive whole number.");
      await moveCommitment(ctx, viewer, row.alliance_id, commitmentId, {
        version,
        move: moveName,
        message: options.message,
        conditions: options.conditions,
        dueAt: options.due,
        timeZone: options.timeZone,
        answerBy: options.answerBy,
      });
      const detail = await getCommitmentDetail(ctx, viewer, row.alliance_id, commitmentId);
      if (options.json) console.log(JSON.stringify(detail, null, 2));
      else printDetail(detail);
    });
  });

  withOptions(
    commitment
      .command("list")
      .description("List an alliance's commitments you may see, or your open loops (--loops)")
      .requiredOption("--alliance <alliance>", "alliance id or slug")
      .option("--loops <side>", "my loops instead: waits-on-me or i-wait-on (overdue first)")
      .option("--reason <reason>", `with --loops: only this reason (${loopReasons.join(", ")})`)
      .option("--state <states>", `comma-separated states (${commitmentStates.join(", ")})`)
      .option("--status <status>", "open or closed")
      .option("--mine", "only commitments I am a party to")
      .option("--overdue", "only open commitments past their date")
      .option("--q <text>", "words in the title or conditions")
      .option("--sort <sort>", "due or updated", "updated")
      .option("--limit <n>", "how many (at most 200)", "50"),
  ).action(
    async (options: AsOptions & { alliance: string; loops?: string; reason?: string; state?: string; status?: string; mine?: boolean; overdue?: boolean; q?: string; sort: string; limit: string }) =>
      withContext(options, async (ctx) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("validation_failed", "--limit is a whole number from 1 to 200.");
        const person = await personByEmail(ctx, options.as);
        const allianceId = await allianceByRef(ctx, options.alliance);
        const viewer = await loadViewer(ctx.db, allianceId, person);
        if (options.loops !== undefined) {
          const side = options.loops === "waits-on-me" ? "waits_on_me" : options.loops === "i-wait-on" ? "i_wait_on" : null;
          if (!side) throw new AppError("validation_failed", "--loops is waits-on-me or i-wait-on.");
          if (options.reason !== undefined && !(loopReasons as readonly string[]).includes(options.reason)) throw new AppError("validation_failed", `--reason is one of ${loopReasons.join(", ")}.`);
          const loops = await getMyLoops(ctx, viewer, allianceId, side, { reason: options.reason as LoopReason | undefined, overdue: options.overdue, q: options.q }, { limit });
          if (options.json) return console.log(JSON.stringify({ items: loops.items, counts: loops.counts }, null, 2));
          console.log(`${side === "waits_on_me" ? "Waiting on you" : "You wait on"}: ${side === "waits_on_me" ? loops.counts.waitsOnMe : loops.counts.iWaitOn} (${side === "waits_on_me" ? loops.counts.overdueWaitsOnMe : loops.counts.overdueIWaitOn} overdue)`);
          for (const item of loops.items) console.log(`${summaryLine(item)}  — ${item.loop.reasonLabel}`);
          return;
        }
        const states = options.state?.split(",").filter(Boolean);
        if (states?.some((s) => !(commitmentStates as readonly string[]).includes(s))) throw new AppError("validation_failed", `--state takes ${commitmentStates.join(", ")}.`);
        if (options.status !== undefined && options.status !== "open" && options.status !== "closed") throw new AppError("validation_failed", "--status is open or closed.");
        if (options.sort !== "due" && options.sort !== "updated") throw new AppError("validation_failed", "--sort is due or updated.");
        const { items } = await listCommitments(
          ctx,
          viewer,
          allianceId,
          { states: states as CommitmentState[] | undefined, status: options.status as "open" | "closed" | undefined, personId: options.mine ? person.id : undefined, overdue: options.overdue, q: options.q },
          { sort: options.sort, limit },
        );
        if (options.json) return console.log(JSON.stringify(items, null, 2));
        if (items.length === 0) console.log("No commitments match.");
        for (const item of items) console.log(summaryLine(item));
      }),
  );

  withOptions(commitment.command("show").description("Show a commitment: its terms, the whole thread, and the moves you may make now").argument("<commitment>", "the commitment's id")).action(
    async (commitmentId: string, options: AsOptions) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(commitmentId)) throw new AppError("validation_failed", `${commitmentId} is not a commitment id.`);
      await withContext(options, async (ctx) => {
        const person = await personByEmail(ctx, options.as);
        const row = await ctx.db.selectFrom("commitments").select("alliance_id").where("id", "=", commitmentId).executeTakeFirst();
        if (!row) throw new AppError("not_found", "No such commitment.");
        const detail = await getCommitmentDetail(ctx, await loadViewer(ctx.db, row.alliance_id, person), row.alliance_id, commitmentId);
        if (options.json) console.log(JSON.stringify(detail, null, 2));
        else printDetail(detail);
      });
    },
  );
}

import fs from "node:fs";
import path from "node:path";
import { AppError } from "@trellis/core";
import { exportAlliance, importAlliance, migrate, openDatabase, verifyAllianceChain, verifyArchive, type Database } from "@trellis/db";
import { demoAllianceSlug, demoFacilitatorEmail, demoPassword, listen, openContext, readConfig, seedDemo, signUp } from "@trellis/server";
import type { Command } from "commander";

interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
}

const withDbOptions = (command: Command) =>
  command
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL; without it, the embedded database)")
    .option("--data-dir <dir>", "embedded database directory (default: $TRELLIS_DATA_DIR or .trellis-data)");

async function openFromOptions(options: DbOptions): Promise<Database> {
  const config = readConfig({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await migrate(database.db);
  return database;
}

async function resolveAlliance(database: Database, ref: string): Promise<string> {
  const row = await database.db
    .selectFrom("alliances")
    .select("id")
    .where((eb) => (/^[0-9a-f-]{36}$/i.test(ref) ? eb.or([eb("id", "=", ref), eb("slug", "=", ref)]) : eb("slug", "=", ref)))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No alliance ${ref} (give its id or slug; \`trellis verify\` lists them).`);
  return row.id;
}

function progress(label: string) {
  let last = 0;
  return (done: number, total?: number) => {
    const now = Date.now();
    if (now - last < 500 && done !== total) return;
    last = now;
    process.stderr.write(`\r${label}: ${done}${total ? ` / ${total} events (${Math.round((done / Math.max(total, 1)) * 100)}%)` : " events"}   `);
  };
}

/** start, migrate, demo, export, import, verify, user. */
export function registerHouseCommands(program: Command): void {
  withDbOptions(program.command("start").description("Start Trellis (creates the demo alliance on an empty database unless --no-demo)"))
    .option("--port <port>", "port to listen on (default: $PORT or 3000)")
    .option("--host <host>", "address to listen on (default: $HOST or 127.0.0.1)")
    .option("--public-url <url>", "the URL people reach Trellis at, used in mails")
    .option("--smtp-url <url>", "SMTP server for mail, e.g. smtp://localhost:1025 (default: $SMTP_URL; without it mail is kept in the outbox and printed)")
    .option("--no-demo", "do not create the demo alliance")
    .action(async (options: DbOptions & { port?: string; host?: string; publicUrl?: string; smtpUrl?: string; demo: boolean }) => {
      const config = readConfig({ ...options, demo: options.demo });
      const ctx = await openContext(config);
      const empty = !(await ctx.db.selectFrom("alliances").select("id").limit(1).executeTakeFirst());
      if (config.demo && empty) {
        console.log("Creating the demo alliance…");
        await seedDemo(ctx);
      }
      const server = await listen(ctx, config);
      const demo = await ctx.db.selectFrom("alliances").select("id").where("slug", "=", demoAllianceSlug).executeTakeFirst();
      console.log(`Trellis is running at ${server.url} (database: ${config.databaseUrl ? "PostgreSQL" : `embedded, in ${path.resolve(config.dataDir)}`})`);
      if (demo) console.log(`Sign in as the facilitator ${demoFacilitatorEmail} with the password ${demoPassword} (every demo person has that password).`);
      if (!fs.existsSync(path.join(config.webRoot, "index.html"))) console.log("The web app is not built yet: run `npm run build:web`.");
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });

  withDbOptions(program.command("migrate").description("Apply pending database migrations")).action(async (options: DbOptions) => {
    const config = readConfig(options);
    const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    try {
      const applied = await migrate(database.db);
      console.log(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join("\n")}` : "The database is up to date.");
    } finally {
      await database.close();
    }
  });

  withDbOptions(program.command("demo").description("Create the demo alliance (if it does not exist)")).action(async (options: DbOptions) => {
    const ctx = await openContext(readConfig(options));
    try {
      const result = await seedDemo(ctx);
      console.log(result.created ? `Created the demo alliance (${result.allianceId}).` : `The demo alliance exists already (${result.allianceId}).`);
      console.log(`Sign in as ${demoFacilitatorEmail} with the password ${demoPassword}.`);
    } finally {
      await ctx.database.close();
    }
  });

  withDbOptions(program.command("export").description("Write an alliance as a JSON Lines archive with its hash chain").argument("<alliance>", "alliance id or slug"))
    .option("-o, --out <file>", "archive file (default: standard output)")
    .action(async (ref: string, options: DbOptions & { out?: string }) => {
      const database = await openFromOptions(options);
      try {
        const allianceId = await resolveAlliance(database, ref);
        const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
        const result = await exportAlliance(database.db, allianceId, out, { onProgress: progress("Exporting") });
        if (options.out) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
        process.stderr.write(`\nExported ${result.events} events; chain head ${result.head || "(empty)"}.\n`);
      } finally {
        await database.close();
      }
    });

  withDbOptions(program.command("import").description("Restore an alliance from an archive (refused if it exists; all or nothing)").argument("<file>", "archive written by trellis export")).action(
    async (file: string, options: DbOptions) => {
      if (!fs.existsSync(file)) throw new AppError("not_found", `No file ${file}.`);
      const database = await openFromOptions(options);
      try {
        const result = await importAlliance(database.db, fs.createReadStream(file), progress("Importing"));
        process.stderr.write("\n");
        console.log(`Imported alliance ${result.allianceId}: ${result.check.count} events, chain verified.`);
      } finally {
        await database.close();
      }
    },
  );

  withDbOptions(program.command("verify").description("Re-check hash chains: of one alliance, of all, or of an archive file"))
    .argument("[alliance]", "alliance id or slug (default: every alliance)")
    .option("--archive <file>", "verify an archive file offline instead of the database")
    .action(async (ref: string | undefined, options: DbOptions & { archive?: string }) => {
      if (options.archive) {
        if (!fs.existsSync(options.archive)) throw new AppError("not_found", `No file ${options.archive}.`);
        const check = await verifyArchive(fs.createReadStream(options.archive));
        if (!check.ok) throw new AppError("chain_broken", `The archive's chain is broken at event ${check.brokenAt}: ${check.reason}.`);
        console.log(`The archive of alliance ${check.allianceId} verifies: ${check.count} events, head ${check.head}.`);
        return;
      }
      const database = await openFromOptions(options);
      try {
        const alliances = ref
          ? [{ id: await resolveAlliance(database, ref), slug: ref }]
          : await database.db.selectFrom("alliances").select(["id", "slug"]).orderBy("slug").execute();
        let broken = 0;
        for (const alliance of alliances) {
          const check = await verifyAllianceChain(database.db, alliance.id);
          if (check.ok) console.log(`ok      ${alliance.slug}: ${check.count} events`);
          else {
            broken++;
            console.log(`BROKEN  ${alliance.slug}: first broken link at event ${check.brokenAt} (${check.reason})`);
          }
        }
        if (broken > 0) throw new AppError("chain_broken", `${broken} chain(s) did not verify.`);
      } finally {
        await database.close();
      }
    });

  const user = program.command("user").description("Manage accounts");
  withDbOptions(user.command("create").description("Create an account (the first administrator: --admin)"))
    .requiredOption("--email <email>", "email address")
    .requiredOption("--name <name>", "display name")
    .option("--password <password>", "password (default: $TRELLIS_PASSWORD)")
    .option("--admin", "make the account an instance administrator")
    .action(async (options: DbOptions & { email: string; name: string; password?: string; admin?: boolean }) => {
      const password = options.password ?? process.env.TRELLIS_PASSWORD;
      if (!password || password.length < 10) throw new AppError("validation_failed", "Give a password of at least 10 characters (--password or $TRELLIS_PASSWORD).");
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.email)) throw new AppError("validation_failed", `${options.email} is not an email address.`);
      const ctx = await openContext(readConfig(options));
      try {
        const person = await signUp(ctx, { email: options.email, password, displayName: options.name }, { isAdmin: options.admin ?? false, bypassSignupMode: true });
        console.log(`Created ${options.admin ? "administrator" : "account"} ${options.email} (${person.id}).`);
      } finally {
        await ctx.database.close();
      }
    });
}

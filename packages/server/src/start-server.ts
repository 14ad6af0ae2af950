import { migrate, openDatabase, type Database } from "@trellis/db";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import { LoginLimiter } from "./auth/login-limiter";
import type { ServerConfig } from "./config";
import type { ServerContext } from "./context";
import { createMailer } from "./mail/mailer";
import { capabilityJobs } from "./capabilities";
import { startJobs } from "./jobs/job-runner";

export interface RunningServer {
  app: FastifyInstance;
  ctx: ServerContext;
  url: string;
  close(): Promise<void>;
}

/** Opens the configured database (locking an embedded one), migrates it and builds the context. */
export async function openContext(config: ServerConfig, log: (line: string) => void = console.log, clock: () => Date = () => new Date()): Promise<ServerContext> {
  const database: Database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const stored = await database.db.selectFrom("instance_settings").select("value").where("key", "=", "signup_mode").executeTakeFirst();
    const signupMode = stored?.value === "invitation" || stored?.value === "open" ? stored.value : config.signupMode;
    return {
      database,
      db: database.db,
      mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, db: database.db, log }),
      clock,
      settings: {
        publicUrl: config.publicUrl ?? `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`,
        signupMode,
        mailFrom: config.mailFrom,
        secureCookies: (config.publicUrl ?? "").startsWith("https://"),
        webRoot: config.webRoot,
      },
      limiter: new LoginLimiter(),
      log,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Starts the HTTP server on an open context; close() stops it and closes the database. */
export async function listen(ctx: ServerContext, config: Pick<ServerConfig, "port" | "host" | "publicUrl"> & { jobs?: boolean }): Promise<RunningServer> {
  const { app } = await buildApp(ctx);
  const stopJobs = config.jobs === false ? () => {} : startJobs(ctx, capabilityJobs);
  app.addHook("onClose", async () => stopJobs());
  const address = await app.listen({ port: config.port, host: config.host });
  const port = Number(new URL(address).port);
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  if (!config.publicUrl) ctx.settings.publicUrl = url;
  return {
    app,
    ctx,
    url,
    close: async () => {
      await app.close();
      ctx.mailer.close();
      await ctx.database.close();
    },
  };
}

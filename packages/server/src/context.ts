import type { Database, Db } from "@trellis/db";
import type { LoginLimiter } from "./auth/login-limiter";
import type { Mailer } from "./mail/mailer";

/** Settings the server runs with (read and validated once, in config.ts). */
export interface ServerSettings {
  publicUrl: string;
  signupMode: "open" | "invitation";
  mailFrom: string;
  secureCookies: boolean;
  webRoot: string | null;
}

/** What every use case and route gets: the database, the mailer, the clock. Never the HTTP request. */
export interface ServerContext {
  database: Database;
  db: Db;
  mailer: Mailer;
  clock: () => Date;
  settings: ServerSettings;
  limiter: LoginLimiter;
  log: (line: string) => void;
}

import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

const schema = z.object({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://").nullable(),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  publicUrl: z.url().nullable(),
  smtpUrl: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").nullable(),
  mailFrom: z.string().min(3),
  signupMode: z.enum(["open", "invitation"]),
  webRoot: z.string(),
  demo: z.boolean(),
});

export type ServerConfig = z.infer<typeof schema>;

/**
 * Reads the configuration from command-line options over the environment, reports every
 * problem at once, and fails before anything starts.
 */
export function readConfig(options: Partial<Record<keyof ServerConfig, unknown>>, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // An empty variable counts as unset.
  const raw = {
    databaseUrl: options.databaseUrl ?? (env.DATABASE_URL || undefined) ?? null,
    dataDir: options.dataDir ?? (env.TRELLIS_DATA_DIR || undefined) ?? ".trellis-data",
    port: options.port ?? (env.PORT || undefined) ?? 3000,
    host: options.host ?? (env.HOST || undefined) ?? "127.0.0.1",
    publicUrl: options.publicUrl ?? (env.TRELLIS_PUBLIC_URL || undefined) ?? null,
    smtpUrl: options.smtpUrl ?? (env.SMTP_URL || undefined) ?? null,
    mailFrom: options.mailFrom ?? (env.TRELLIS_MAIL_FROM || undefined) ?? "Trellis <trellis@localhost>",
    signupMode: options.signupMode ?? (env.TRELLIS_SIGNUP_MODE || undefined) ?? "open",
    webRoot: options.webRoot ?? (env.TRELLIS_WEB_ROOT || undefined) ?? defaultWebRoot,
    demo: options.demo ?? env.TRELLIS_DEMO !== "0",
  };
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Trellis cannot start; the configuration has ${lines.length} problem(s):\n${lines.join("\n")}`);
  }
  return result.data;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

#!/usr/bin/env node
import { isAppError } from "@trellis/core";
import { Command, CommanderError } from "commander";
import { ConfigError } from "@trellis/server";
import { registerHouseCommands } from "./commands/house";
import { registerCharterCommands } from "./commands/charter";
import { registerDecisionCommands } from "./commands/decisions";
import { registerCommitmentCommands } from "./commands/commitments";
import { registerRhythmCommands } from "./commands/rhythm";
import { registerAlignmentCommands } from "./commands/alignment";
import { registerStoryCommands } from "./commands/story";
import { registerSimulateCommands } from "./commands/simulate";
import { registerHealthCommands } from "./commands/health";

/** Builds the `trellis` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command("trellis")
    .description("Trellis: collaboration infrastructure for alliances between organizations.")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerHouseCommands(program);
  registerCharterCommands(program);
  registerDecisionCommands(program);
  registerCommitmentCommands(program);
  registerRhythmCommands(program);
  registerAlignmentCommands(program);
  registerStoryCommands(program);
  registerSimulateCommands(program);
  registerHealthCommands(program);
  return program;
}

/** Runs the CLI; errors become a clear message and a non-zero exit. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error) || error instanceof ConfigError) {
      console.error(`trellis: ${error.message}`);
      return 1;
    }
    console.error(`trellis: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("main.ts")) {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exit(code);
}

import fs from "node:fs";
import path from "node:path";
import { AppError } from "@trellis/core";
import { simulationScenarios, type SimulationScenario } from "@trellis/core/health/simulate-alliance";
import { writeSimulatedArchive } from "@trellis/server/simulation/write-simulated-archive";
import type { Command } from "commander";

function integerOption(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new AppError("validation_failed", `--${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  }
  return n;
}

/** simulate: the archive of a simulated alliance, for trying Trellis and for checking its health alerts. */
export function registerSimulateCommands(program: Command): void {
  program
    .command("simulate")
    .description("Write the archive of a simulated alliance history that `trellis import` loads")
    .requiredOption("--scenario <name>", `healthy, or a pathology injected after a healthy start: ${simulationScenarios.join(", ")}`)
    .option("--months <n>", "length of the history in months (pathologies need at least 5)", "12")
    .option("--seed <s>", "seed of the simulation: the same options write the same bytes", "1")
    .requiredOption("--out <archive.jsonl>", "archive file to write")
    .addHelpText(
      "after",
      `
The history (seats, people, meetings, commitments, proposals, charter, tensions, pulses…) is
replayed through Trellis's own use cases on a scratch embedded database, then exported like
\`trellis export\`. A 12-month history has about 2,500–5,000 events and takes about a
minute (3,534 events: 46 s, 23 s of CPU); longer on a busy machine. The history starts on
1 January 2024.

  trellis simulate --scenario drift --months 12 --seed 7 --out drift.jsonl
  trellis import drift.jsonl
  trellis health simulated-drift-alliance-seed-7 --json`,
    )
    .action(async (options: { scenario: string; months: string; seed: string; out: string }) => {
      if (!(simulationScenarios as readonly string[]).includes(options.scenario)) {
        throw new AppError("validation_failed", `Unknown scenario ${options.scenario}: use one of ${simulationScenarios.join(", ")}.`);
      }
      const scenario = options.scenario as SimulationScenario;
      const months = integerOption(options.months, "months", scenario === "healthy" ? 1 : 5, 120);
      const seed = integerOption(options.seed, "seed", 0, 2 ** 32 - 1);
      const started = Date.now();
      // Written next to the target and renamed at the end: a failed run leaves no half archive.
      const partial = path.join(path.dirname(path.resolve(options.out)), `.${path.basename(options.out)}.${process.pid}.partial`);
      const out = fs.createWriteStream(partial);
      try {
        process.stderr.write(`Simulating ${months} months of a ${scenario} alliance (seed ${seed})…\n`);
        const result = await writeSimulatedArchive({ scenario, months, seed }, out);
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        fs.renameSync(partial, options.out);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`Wrote ${options.out}: alliance ${result.slug} (${result.allianceId}), ${result.events} events, chain head ${result.head}, in ${seconds} s.`);
        const truth = result.simulation.truth;
        if (truth) {
          const seat = truth.seatId ? result.simulation.seats.find((s) => s.id === truth.seatId)?.name : null;
          console.log(`Injected ${truth.pathology} on ${new Date(truth.onset).toISOString().slice(0, 10)}${seat ? ` (seat: ${seat})` : ""}.`);
        } else {
          console.log("No pathology injected.");
        }
      } catch (error) {
        out.destroy();
        fs.rmSync(partial, { force: true });
        throw error;
      }
    });
}

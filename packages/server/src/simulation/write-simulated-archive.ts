import type { Writable } from "node:stream";
import { simulateAlliance, type SimulatedAlliance, type SimulationOptions } from "@trellis/core/health/simulate-alliance";
import { exportAlliance } from "@trellis/db";
import { LoginLimiter } from "../auth/login-limiter";
import type { ServerContext } from "../context";
import { replaySimulation } from "./replay-simulation";
import { openSimulationDatabase, withSeededCrypto } from "./simulation-database";

/** What `writeSimulatedArchive` wrote, and the simulation's answer key. */
export interface SimulatedArchive {
  simulation: SimulatedAlliance;
  allianceId: string;
  slug: string;
  events: number;
  head: string;
}

/**
 * Simulates an alliance history (core's seeded agent-based simulator), replays it through the
 * product's use cases on a scratch embedded database whose clock follows the simulation, and
 * writes the alliance as a standard archive (docs/archive-format.md) that `trellis import` loads.
 * The same options give a byte-identical archive; its header's `exportedAt` is the end of the history.
 */
export async function writeSimulatedArchive(options: SimulationOptions, out: Writable): Promise<SimulatedArchive> {
  const simulation = simulateAlliance(options);
  const namespace = `trellis-simulation:${simulation.scenario}:${simulation.seed}:${simulation.months}:${simulation.start}`;
  return withSeededCrypto(namespace, async () => {
    const scratch = await openSimulationDatabase(namespace, new Date(simulation.start));
    try {
      const base: ServerContext = {
        database: scratch.database,
        db: scratch.database.db,
        mailer: { send: async () => {}, close: () => {} },
        clock: () => new Date(simulation.start),
        settings: { publicUrl: "http://localhost:3000", signupMode: "invitation", mailFrom: "Trellis <trellis@localhost>", secureCookies: false, webRoot: null },
        limiter: new LoginLimiter(),
        log: () => {},
      };
      const at = async (ms: number): Promise<ServerContext> => {
        const moment = new Date(ms);
        await scratch.setClock(moment);
        return { ...base, clock: () => new Date(moment) };
      };
      const replay = await replaySimulation(simulation, at);
      const exported = await exportAlliance(scratch.database.db, replay.allianceId, out, { now: new Date(simulation.end) });
      return { simulation, allianceId: replay.allianceId, slug: replay.slug, events: exported.events, head: exported.head };
    } finally {
      await scratch.close();
    }
  });
}

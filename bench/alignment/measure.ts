// Child process of the alignment benchmark: parses one Pol.is folder, then times Trellis's
// full analysis from the in-memory vote matrix (as the scikit-learn anchor does) and prints
// one JSON line. Run by bench/alignment/run.ts under /usr/bin/time -v:
//   node --import tsx bench/alignment/measure.ts <dir> [runs=5]
import { analyzeVoteMatrix } from "@trellis/core/alignment/index";
import { readPolisFolder } from "../../packages/cli/src/commands/alignment";

const dir = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!dir) throw new Error("usage: measure.ts <dir> [runs]");

const folder = readPolisFolder(dir, { withParticipantsVotes: false });
const times: number[] = [];
const cpuTimes: number[] = [];
let k = 0;
for (let r = 0; r < runs; r += 1) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  k = analyzeVoteMatrix(folder.matrix).k;
  times.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 === 1 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
console.log(
  JSON.stringify({
    source: folder.source,
    shape: [folder.matrix.participantIds.length, folder.matrix.statementIds.length],
    votes: folder.matrix.columns.length,
    k,
    parseMs: folder.parseMs,
    medianMs: median,
    timesMs: times,
    cpuTimesMs: cpuTimes,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);

// Writes a seeded synthetic Pol.is export for the alignment benchmark:
//   npx tsx bench/alignment/generate.ts [participants=10000] [statements=2000] [density=0.2] [seed=7]
// into bench/data/alignment-<participants>x<statements>/ (git-ignored), in the
// participants-votes.csv layout (plus comments.csv and summary.csv). Same model as
// /work/shared/tools/sklearn-anchor.py's synth: three latent groups with normal preferences
// per statement, agree with probability sigmoid(preference), 10% passes, `density` of cells voted.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRandom } from "@trellis/core";

/** Where a generated matrix of this size lives. */
export function syntheticDir(participants: number, statements: number): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  return path.join(repoRoot, "bench", "data", `alignment-${participants}x${statements}`);
}

/** Generates the export and returns its folder. */
export function generateSyntheticPolis(participants = 10_000, statements = 2_000, density = 0.2, seed = 7): string {
  const dir = syntheticDir(participants, statements);
  mkdirSync(dir, { recursive: true });
  const random = createRandom(seed);
  const normal = (): number => {
    // Box-Muller on the seeded generator.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const groups = 3;
  const agreeProbability = Array.from({ length: groups }, () => Float64Array.from({ length: statements }, () => 1 / (1 + Math.exp(-normal()))));

  const fd = openSync(path.join(dir, "participants-votes.csv"), "w");
  const header = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", ...Array.from({ length: statements }, (_, j) => String(j))];
  writeSync(fd, `${header.join(",")}\n`);
  let chunk = "";
  let total = 0;
  const cells: string[] = new Array<string>(statements);
  for (let p = 0; p < participants; p += 1) {
    const group = Math.floor(random() * groups);
    const probability = agreeProbability[group] as Float64Array;
    let votes = 0;
    let agrees = 0;
    let disagrees = 0;
    for (let j = 0; j < statements; j += 1) {
      const agree = random() < (probability[j] as number);
      const pass = random() < 0.1;
      const voted = random() < density;
      if (!voted) {
        cells[j] = "";
        continue;
      }
      votes += 1;
      if (pass) cells[j] = "0";
      else if (agree) {
        cells[j] = "1";
        agrees += 1;
      } else {
        cells[j] = "-1";
        disagrees += 1;
      }
    }
    total += votes;
    chunk += `${p},,0,${votes},${agrees},${disagrees},${cells.join(",")}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);

  const comments = ["timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body", ...Array.from({ length: statements }, (_, j) => `0,${j},0,0,0,1,Synthetic statement ${j}`)];
  const commentsFd = openSync(path.join(dir, "comments.csv"), "w");
  writeSync(commentsFd, `${comments.join("\n")}\n`);
  closeSync(commentsFd);
  const summaryFd = openSync(path.join(dir, "summary.csv"), "w");
  writeSync(summaryFd, `topic,Synthetic benchmark matrix (seed ${seed})\nvoters,${participants}\ncomments,${statements}\nvotes,${total}\n`);
  closeSync(summaryFd);
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [n, m, d, s] = process.argv.slice(2).map(Number);
  const started = performance.now();
  const dir = generateSyntheticPolis(n || undefined, m || undefined, d || undefined, s || undefined);
  console.log(`wrote ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

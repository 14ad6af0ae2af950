// Score distributions of each detector at the weekly checks, for tuning (seeds 1–1000 only).
// Run: npx tsx bench/health/scores.ts [count] [firstSeed]
import { detectAt, isCheckpointDay } from "../../packages/core/src/health/alerts";
import type { Pathology } from "../../packages/core/src/health/alerts";
import { pathologies } from "../../packages/core/src/health/alerts";
import { dayOf } from "../../packages/core/src/health/facts";
import { simulateAlliance, simulationScenarios } from "../../packages/core/src/health/simulate-alliance";
import { applyFact, createHealthState } from "../../packages/core/src/health/state";

const count = Number(process.argv[2] ?? 20);
const first = Number(process.argv[3] ?? 1);
if (first < 1 || first + count - 1 > 1000) throw new Error("Tuning may use seeds 1–1000 only.");
// null: healthy or before onset; post: 28–61 days after onset of the detector's own pathology.
const nullScores = new Map<Pathology, number[]>();
const postScores = new Map<Pathology, number[]>();
const otherPost = new Map<string, number[]>();
for (const p of pathologies) {
  nullScores.set(p, []);
  postScores.set(p, []);
}
for (const scenario of simulationScenarios) {
  for (let seed = first; seed < first + count; seed++) {
    const sim = simulateAlliance({ scenario, seed });
    const state = createHealthState();
    for (const f of sim.facts) applyFact(state, f);
    const onsetDay = sim.truth ? dayOf(sim.truth.onset) : Infinity;
    for (let d = state.firstDay; d <= dayOf(sim.end); d++) {
      if (!isCheckpointDay(d)) continue;
      const dets = detectAt(state, d);
      for (const p of pathologies) {
        const own = dets.filter((x) => x.pathology === p);
        const max = Math.max(0, ...own.map((x) => x.score));
        if (d < onsetDay) nullScores.get(p)?.push(max);
        else if (sim.truth?.pathology === p) {
          if (d - onsetDay >= 28 && d - onsetDay <= 61) {
            const seat = sim.truth.seatId;
            const s = seat ? Math.max(0, ...own.filter((x) => state.seats[x.seat]?.id === seat).map((x) => x.score)) : max;
            postScores.get(p)?.push(s);
          }
        } else if (d - onsetDay >= 0) {
          const key = `${p} in ${scenario}`;
          otherPost.set(key, [...(otherPost.get(key) ?? []), max]);
        }
      }
    }
  }
}
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number).toFixed(2) : "-";
};
for (const p of pathologies) {
  const n = nullScores.get(p) as number[];
  const po = postScores.get(p) as number[];
  console.log(`${p.padEnd(20)} null p50=${q(n, 0.5)} p95=${q(n, 0.95)} p99=${q(n, 0.99)} max=${q(n, 1)} ≥1: ${(n.filter((x) => x >= 1).length / n.length * 100).toFixed(2)}% | post(28–61d) p10=${q(po, 0.1)} p25=${q(po, 0.25)} p50=${q(po, 0.5)} ≥1: ${(po.filter((x) => x >= 1).length / po.length * 100).toFixed(1)}%`);
}
for (const [k, xs] of [...otherPost.entries()].sort()) {
  const hi = xs.filter((x) => x >= 1).length / xs.length;
  if (hi > 0.01) console.log(`  other: ${k.padEnd(40)} ≥1: ${(hi * 100).toFixed(1)}% p95=${q(xs, 0.95)}`);
}

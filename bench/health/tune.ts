// Tuning harness for the health alerts. Uses ONLY seeds 1–1000 (the validation test uses
// seeds from 100001 on, never used here). Run: npx tsx bench/health/tune.ts [count] [firstSeed]
import { runValidation } from "../../packages/core/src/health/validation";
import type { AllianceOutcome } from "../../packages/core/src/health/validation";

const count = Number(process.argv[2] ?? 30);
const first = Number(process.argv[3] ?? 1);
if (first < 1 || first + count - 1 > 1000) throw new Error("Tuning may use seeds 1–1000 only.");
const seeds = Array.from({ length: count }, (_, i) => first + i);
const t0 = performance.now();
const figures = runValidation({ seeds });
const ms = performance.now() - t0;
console.log(`alliances: ${figures.outcomes.length}, ${(ms / 1000).toFixed(1)} s`);
for (const p of figures.pathologies) {
  console.log(
    `${p.pathology.padEnd(20)} n=${p.alliances} recall=${p.recall.toFixed(3)} precision=${p.precision.toFixed(3)} (${p.truePositives}/${p.alertsRaised}) medianDelay=${p.medianDelayDays?.toFixed(1)} max=${p.maxDelayDays?.toFixed(1)}`,
  );
}
const h = figures.healthy;
console.log(`healthy: ${h.alliances} alliances, ${h.allianceMonths} months, false-alert months ${h.monthsWithFalseAlert} (${(100 * h.falseAlertRate).toFixed(2)}%), after warm-up ${(100 * h.falseAlertRateAfterWarmup).toFixed(2)}%, active ${h.monthsWithActiveFalseAlert}`, h.byPathology);
// Where the false positives and misses come from.
const fp = new Map<string, number>();
const misses: string[] = [];
const byScenario = new Map<string, AllianceOutcome[]>();
for (const o of figures.outcomes) byScenario.set(o.scenario, [...(byScenario.get(o.scenario) ?? []), o]);
for (const o of figures.outcomes) {
  for (const a of o.alerts) {
    const ok = o.truth && o.truth.pathology === a.pathology && a.raisedAt >= o.truth.onset;
    if (!ok) {
      const when = o.truth ? (a.raisedAt < o.truth.onset ? "pre" : "post") : "h";
      const key = `${a.pathology} in ${o.scenario} (${when})`;
      fp.set(key, (fp.get(key) ?? 0) + 1);
    }
  }
  if (o.truth) {
    const t = o.truth;
    const hit = o.alerts.some((a) => a.pathology === t.pathology && a.raisedAt >= t.onset && a.raisedAt - t.onset <= 61 * 86400000);
    if (!hit) misses.push(`${o.scenario}#${o.seed}`);
  }
}
console.log("false alerts:", Object.fromEntries([...fp.entries()].sort()));
console.log("misses:", misses.join(" "));

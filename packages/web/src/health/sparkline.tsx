import { formatScore } from "./health-labels";

/**
 * The weekly index as a small line (inline SVG, no chart library on the portfolio). Weeks without
 * an index break the line. Its accessible name says where the line starts and ends.
 */
export function Sparkline({ series, label, width = 120, height = 32 }: { series: { weekEnd: string; index: number | null }[]; label: string; width?: number; height?: number }) {
  const known = series.filter((p): p is { weekEnd: string; index: number } => p.index !== null);
  const first = known[0];
  const last = known.at(-1);
  const name = first && last ? `${label}: ${formatScore(first.index)} to ${formatScore(last.index)} over ${series.length} weeks` : `${label}: no index computed yet`;
  const step = series.length > 1 ? (width - 4) / (series.length - 1) : 0;
  const y = (value: number) => 2 + (height - 4) * (1 - Math.max(0, Math.min(100, value)) / 100);
  const segments: string[] = [];
  let current = "";
  series.forEach((point, i) => {
    if (point.index === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    const x = 2 + i * step;
    current += `${current ? "L" : "M"}${x.toFixed(1)},${y(point.index).toFixed(1)} `;
  });
  if (current) segments.push(current);
  const lastIndex = series.length - 1;
  return (
    <svg role="img" aria-label={name} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: "block", flexShrink: 0 }}>
      <line x1={2} x2={width - 2} y1={y(50)} y2={y(50)} stroke="var(--mantine-color-gray-3)" strokeDasharray="2 3" />
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="var(--mantine-color-blue-8)" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
      ))}
      {last && series[lastIndex]?.index !== null && <circle cx={2 + lastIndex * step} cy={y(last.index)} r={3} fill="var(--mantine-color-blue-8)" />}
    </svg>
  );
}

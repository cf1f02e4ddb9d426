// Small building blocks shared by the vulnerability and feed pages: CVSS chip, KEV badge, EPSS, sparkline.
import { useEffect, useState } from 'react';
import type { EpssPoint, KevSummary } from '../api.ts';
import { formatDate } from '../format.ts';
import { SEVERITY_LABELS, formatCvss, formatEpss, formatPercentile, severityOf, sourceLabel, sparklinePath } from '../intel.ts';

/** A CVSS score on its severity colour ("9.8 Critical"); a dash when unscored. */
export function CvssChip({ score, showLabel = true, testId }: { score: number | null; showLabel?: boolean; testId?: string }) {
  const level = severityOf(score);
  if (score === null || level === null) return <span className="muted" data-testid={testId}>—</span>;
  return (
    <span className={`cvss cvss-${level}`} title={`CVSS ${formatCvss(score)} · ${SEVERITY_LABELS[level]}`} data-testid={testId} data-severity={level}>
      <span className="cvss-score">{formatCvss(score)}</span>
      {showLabel ? <span className="cvss-label">{SEVERITY_LABELS[level]}</span> : null}
    </span>
  );
}

/** The red "Known exploited" badge of CISA KEV, with a ransomware marker when the catalogue says so. */
export function KevBadge({ kev, testId = 'kev-badge' }: { kev: KevSummary; testId?: string }) {
  const title = `In the CISA Known Exploited Vulnerabilities catalogue since ${formatDate(kev.dateAdded)}${kev.dueDate ? `, due ${formatDate(kev.dueDate)}` : ''}${kev.ransomware ? '; known to be used in ransomware campaigns' : ''}`;
  return (
    <span className="kev-badge" title={title} data-testid={testId} data-ransomware={kev.ransomware ? 'true' : undefined}>
      KEV
      {kev.ransomware ? <span className="kev-ransomware">ransomware</span> : null}
    </span>
  );
}

/** EPSS probability with its percentile: "97.2% · 99th pct". */
export function EpssValue({ epss, compact }: { epss: EpssPoint | null; compact?: boolean }) {
  if (!epss) return <span className="muted">—</span>;
  return (
    <span className="epss" title={`EPSS ${formatEpss(epss.epss)} probability of exploitation in the next 30 days; ${formatPercentile(epss.percentile)} percentile (scored ${formatDate(epss.date)})`}>
      <span className="epss-value">{formatEpss(epss.epss)}</span>
      <span className="epss-percentile">
        {formatPercentile(epss.percentile)}
        {compact ? ' pct' : ' percentile'}
      </span>
    </span>
  );
}

/** A small inline SVG line of values (oldest left), with a dot on the latest. */
export function Sparkline({ values, width = 120, height = 28, label }: { values: readonly number[]; width?: number; height?: number; label: string }) {
  const d = sparklinePath(values, width, height, 3);
  if (!d) return null;
  // The path ends with the latest point's "x y".
  const [x, y] = d.split(' ').slice(-2);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="epss-sparkline">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x} cy={y} r="2.5" fill="currentColor" />
    </svg>
  );
}

export function SourceTags({ sources }: { sources: readonly string[] }) {
  return (
    <span className="chips">
      {sources.map((s) => (
        <span key={s} className={`source-tag source-${s}`}>
          {sourceLabel(s)}
        </span>
      ))}
    </span>
  );
}

/** The current time, refreshed every `intervalMs` (for "5 min ago" labels). */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

import type { FeedStateStore, FeedStateView } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

interface Row {
  source: string;
  watermark: unknown;
  status: FeedStateView['status'];
  progress: FeedStateView['progress'];
  last_started_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  records_total: number;
  problems_total: number;
  updated_at: Date;
}

function toView(r: Row): FeedStateView {
  return {
    source: r.source,
    watermark: r.watermark,
    status: r.status,
    progress: r.progress,
    lastStartedAt: isoOrNull(r.last_started_at),
    lastSuccessAt: isoOrNull(r.last_success_at),
    lastError: r.last_error,
    lastErrorAt: isoOrNull(r.last_error_at),
    recordsTotal: Number(r.records_total),
    problemsTotal: Number(r.problems_total),
    updatedAt: iso(r.updated_at),
  };
}

const ensure = `INSERT INTO feed_state (source, updated_at) VALUES ($1, $2) ON CONFLICT (source) DO NOTHING`;

export function feedStateRepository(q: Queryable): FeedStateStore {
  return {
    async get(source) {
      const { rows } = await q.query<Row>('SELECT * FROM feed_state WHERE source = $1', [source]);
      return rows[0] ? toView(rows[0]) : null;
    },
    async list() {
      const { rows } = await q.query<Row>('SELECT * FROM feed_state ORDER BY source');
      return rows.map(toView);
    },
    async start(source, at) {
      await q.query(ensure, [source, at.toISOString()]);
      await q.query(`UPDATE feed_state SET status = 'running', last_started_at = $2, progress = NULL, updated_at = $2 WHERE source = $1`, [source, at.toISOString()]);
    },
    async advance(source, watermark, records, problems, progress, at) {
      await q.query(ensure, [source, at.toISOString()]);
      await q.query(
        `UPDATE feed_state SET watermark = $2, records_total = records_total + $3, problems_total = problems_total + $4, progress = $5, updated_at = $6 WHERE source = $1`,
        [source, JSON.stringify(watermark ?? null), records, problems, progress === null ? null : JSON.stringify(progress), at.toISOString()],
      );
    },
    async succeed(source, at) {
      await q.query(ensure, [source, at.toISOString()]);
      await q.query(`UPDATE feed_state SET status = 'idle', last_success_at = $2, updated_at = $2 WHERE source = $1`, [source, at.toISOString()]);
    },
    async fail(source, error, at) {
      await q.query(ensure, [source, at.toISOString()]);
      await q.query(`UPDATE feed_state SET status = 'failed', last_error = $2, last_error_at = $3, updated_at = $3 WHERE source = $1`, [source, error.slice(0, 4000), at.toISOString()]);
    },
    async addProblems(problems, at) {
      if (problems.length === 0) return;
      await q.query(
        `INSERT INTO feed_problems (source, record_id, location, reason, occurred_at)
         SELECT x.source, x.id, x.location, x.reason, $2 FROM jsonb_to_recordset($1::jsonb) AS x(source text, id text, location text, reason text)`,
        [JSON.stringify(problems.map((p) => ({ ...p, reason: p.reason.slice(0, 2000) }))), at.toISOString()],
      );
    },
    async recentProblems(source, limit) {
      const { rows } = await q.query<{ record_id: string | null; location: string; reason: string; occurred_at: Date }>(
        'SELECT record_id, location, reason, occurred_at FROM feed_problems WHERE source = $1 ORDER BY id DESC LIMIT $2',
        [source, limit],
      );
      return rows.map((r) => ({ recordId: r.record_id, location: r.location, reason: r.reason, occurredAt: iso(r.occurred_at) }));
    },
    async seedWatermark(source, watermark, at) {
      await q.query(ensure, [source, at.toISOString()]);
      const r = await q.query('UPDATE feed_state SET watermark = $2, updated_at = $3 WHERE source = $1 AND watermark IS NULL', [source, JSON.stringify(watermark), at.toISOString()]);
      return r.rowCount > 0;
    },
  };
}

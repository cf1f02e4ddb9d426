import type { BoardObligation, CaseKind, CaseLink, CaseRecord, CaseRoleAssignment, CaseSeverity, CaseStore, CaseTask, FactChange, PortfolioTask, PsirtRole, StoredObligation, StoredObligationStatus, TaskStatus } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

interface CaseRow {
  id: string;
  number: string | number;
  title: string;
  kind: CaseKind;
  status: 'open' | 'closed';
  severity: CaseSeverity;
  closed_at: Date | null;
  closed_by: string | null;
  resolution: string | null;
  forced_close_reason: string | null;
  source_finding_id: string | number | null;
  vuln_group_id: string | number | null;
  facts: unknown;
  evaluation: unknown;
  evaluated_at: Date | null;
  opened_at: Date;
  opened_by: string;
  updated_at: Date;
}

interface ObligationRow {
  id: string;
  case_id: string;
  obligation_key: string;
  rule_id: string;
  pack_id: string;
  pack_version: string;
  title: string;
  citation: string;
  period: string;
  trigger: unknown;
  due_at: Date | null;
  due_local: string | null;
  time_zone: string;
  due_soon_at: Date | null;
  status: StoredObligationStatus;
  provisional: boolean;
  assumptions: string[];
  missing_facts: unknown[];
  na_source: 'engine' | 'user' | null;
  na_code: string | null;
  na_reason: string | null;
  na_by: string | null;
  na_at: Date | null;
  fulfilled_at: Date | null;
  late: boolean;
  fulfilled_by: string | null;
  reference: string | null;
  document_id: string | null;
  doc_name: string | null;
  doc_sha256: string | null;
  doc_size: number | null;
  evaluated_at: Date;
  created_at: Date;
  case_number?: string | number;
  case_title?: string;
  case_kind?: CaseKind;
}

interface TaskRow {
  id: string;
  case_id: string;
  playbook: string | null;
  template_key: string | null;
  ordinal: number;
  title: string;
  role: PsirtRole | null;
  assignee_id: string | null;
  assignee_email: string | null;
  assignee_name: string | null;
  due_at: Date | null;
  due_manual: boolean;
  status: TaskStatus;
  done_by: string | null;
  done_at: Date | null;
  note: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const taskSelect = `
  SELECT t.*, u.email AS assignee_email, u.display_name AS assignee_name
  FROM case_tasks t LEFT JOIN users u ON u.id = t.assignee_id`;

function toTask(r: TaskRow): CaseTask {
  return {
    id: r.id,
    caseId: r.case_id,
    playbook: r.playbook,
    templateKey: r.template_key,
    ordinal: Number(r.ordinal),
    title: r.title,
    role: r.role,
    assignee: r.assignee_id ? { id: r.assignee_id, email: r.assignee_email ?? '', displayName: r.assignee_name ?? '' } : null,
    dueAt: isoOrNull(r.due_at),
    dueManual: r.due_manual,
    status: r.status,
    doneBy: r.done_by,
    doneAt: isoOrNull(r.done_at),
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const json = (v: unknown) => JSON.stringify(v);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toCase(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    number: Number(r.number),
    title: r.title,
    kind: r.kind,
    status: r.status,
    severity: r.severity,
    sourceFindingId: r.source_finding_id === null ? null : String(r.source_finding_id),
    vulnGroupId: r.vuln_group_id === null ? null : Number(r.vuln_group_id),
    closedAt: isoOrNull(r.closed_at),
    closedBy: r.closed_by,
    resolution: r.resolution,
    forcedCloseReason: r.forced_close_reason,
    facts: r.facts,
    evaluation: r.evaluation,
    evaluatedAt: isoOrNull(r.evaluated_at),
    openedAt: iso(r.opened_at),
    openedBy: r.opened_by,
    updatedAt: iso(r.updated_at),
  };
}

function toObligation(r: ObligationRow): StoredObligation {
  return {
    id: r.id,
    caseId: r.case_id,
    key: r.obligation_key,
    ruleId: r.rule_id,
    packId: r.pack_id,
    packVersion: r.pack_version,
    title: r.title,
    citation: r.citation,
    period: r.period,
    trigger: r.trigger,
    dueAt: isoOrNull(r.due_at),
    dueLocal: r.due_local,
    timeZone: r.time_zone,
    dueSoonAt: isoOrNull(r.due_soon_at),
    status: r.status,
    provisional: r.provisional,
    assumptions: r.assumptions,
    missingFacts: r.missing_facts,
    naSource: r.na_source,
    naCode: r.na_code,
    naReason: r.na_reason,
    naBy: r.na_by,
    naAt: isoOrNull(r.na_at),
    fulfilledAt: isoOrNull(r.fulfilled_at),
    late: r.late,
    fulfilledBy: r.fulfilled_by,
    reference: r.reference,
    document: r.document_id ? { id: r.document_id, name: r.doc_name!, sha256: r.doc_sha256!, byteSize: Number(r.doc_size) } : null,
    evaluatedAt: iso(r.evaluated_at),
    createdAt: iso(r.created_at),
  };
}

const obligationSelect = `
  SELECT o.*, d.name AS doc_name, d.sha256 AS doc_sha256, d.byte_size AS doc_size
  FROM case_obligations o LEFT JOIN case_documents d ON d.id = o.document_id`;

export function caseRepository(q: Queryable): CaseStore {
  return {
    async insert(c) {
      const { rows } = await q.query<CaseRow>(
        `INSERT INTO cases (id, title, kind, status, source_finding_id, vuln_group_id, facts, opened_at, opened_by, updated_at, severity)
         VALUES ($1, $2, $3, 'open', $4, $5, $6::jsonb, $7, $8, $7, $9) RETURNING *`,
        [c.id, c.title, c.kind, c.sourceFindingId, c.vulnGroupId, json(c.facts), c.openedAt.toISOString(), c.openedBy, c.severity],
      );
      return toCase(rows[0]!);
    },
    async find(idOrNumber) {
      if (uuidPattern.test(idOrNumber)) {
        const { rows } = await q.query<CaseRow>('SELECT * FROM cases WHERE id = $1::uuid', [idOrNumber]);
        return rows[0] ? toCase(rows[0]) : null;
      }
      const n = /^(?:CASE-)?(\d{1,15})$/i.exec(idOrNumber);
      if (!n) return null;
      const { rows } = await q.query<CaseRow>('SELECT * FROM cases WHERE number = $1', [Number(n[1])]);
      return rows[0] ? toCase(rows[0]) : null;
    },
    async list(filter) {
      const { rows } = filter.status
        ? await q.query<CaseRow>('SELECT * FROM cases WHERE status = $1 ORDER BY number DESC', [filter.status])
        : await q.query<CaseRow>('SELECT * FROM cases ORDER BY number DESC');
      return rows.map(toCase);
    },
    async setFacts(id, facts, at) {
      await q.query('UPDATE cases SET facts = $2::jsonb, updated_at = $3 WHERE id = $1', [id, json(facts), at.toISOString()]);
    },
    async setEvaluation(id, evaluation, at) {
      await q.query('UPDATE cases SET evaluation = $2::jsonb, evaluated_at = $3 WHERE id = $1', [id, json(evaluation), at.toISOString()]);
    },
    async addFactChanges(caseId, changes, by, at, note) {
      if (!changes.length) return;
      const rows = changes.map((c, i) => ({ i, path: c.path, value: c.value === null ? null : c.value, removed: c.value === null, instant: c.instant?.toISOString() ?? null, zone: c.timeZone }));
      await q.query(
        `INSERT INTO case_fact_changes (case_id, path, value, instant, time_zone, changed_by, changed_at, note)
         SELECT $1, x.path, CASE WHEN x.removed THEN NULL ELSE x.value END, x.instant, x.zone, $3, $4, $5
         FROM jsonb_to_recordset($2::jsonb) AS x(i int, path text, value jsonb, removed boolean, instant timestamptz, zone text) ORDER BY x.i`,
        [caseId, json(rows), by, at.toISOString(), note],
      );
    },
    async timeline(caseId) {
      const { rows } = await q.query<{ id: string | number; path: string; value: unknown; instant: Date | null; time_zone: string | null; changed_by: string; changed_at: Date; note: string | null }>(
        'SELECT * FROM case_fact_changes WHERE case_id = $1 ORDER BY id',
        [caseId],
      );
      return rows.map((r): FactChange => ({
        id: Number(r.id),
        path: r.path,
        value: r.value ?? null,
        instant: isoOrNull(r.instant),
        timeZone: r.time_zone,
        changedBy: r.changed_by,
        changedAt: iso(r.changed_at),
        note: r.note,
      }));
    },
    async addLinks(caseId, links) {
      if (!links.length) return;
      await q.query(
        `INSERT INTO case_links (case_id, target_type, target_id) SELECT $1, x.type, x.id FROM jsonb_to_recordset($2::jsonb) AS x(type text, id text) ON CONFLICT DO NOTHING`,
        [caseId, json(links)],
      );
    },
    async links(caseId) {
      const { rows } = await q.query<{ target_type: CaseLink['type']; target_id: string }>('SELECT target_type, target_id FROM case_links WHERE case_id = $1 ORDER BY target_type, target_id', [caseId]);
      return rows.map((r) => ({ type: r.target_type, id: r.target_id }));
    },
    async setRoles(caseId, roles) {
      await q.query('DELETE FROM case_roles WHERE case_id = $1', [caseId]);
      if (!roles.length) return;
      await q.query(
        `INSERT INTO case_roles (case_id, role, user_id) SELECT $1, x.role, x.user_id FROM jsonb_to_recordset($2::jsonb) AS x(role text, user_id uuid) ON CONFLICT DO NOTHING`,
        [caseId, json(roles.map((r) => ({ role: r.role, user_id: r.userId })))],
      );
    },
    async roles(caseId) {
      const { rows } = await q.query<{ role: CaseRoleAssignment['role']; user_id: string }>(
        `SELECT role, user_id FROM case_roles WHERE case_id = $1
         ORDER BY array_position(ARRAY['lead','analyst','engineer','regulatory','clinical','product','support'], role), user_id`,
        [caseId],
      );
      return rows.map((r) => ({ role: r.role, userId: r.user_id }));
    },
    async findingSource(findingId) {
      const parts = /^(\d{1,18})-(\d{1,18})$/.exec(findingId);
      if (!parts) return null;
      const { rows } = await q.query<{ id: string; release_id: string; product_id: string; group_id: string | number }>(
        'SELECT f.id, f.release_id, r.product_id, f.group_id FROM findings f JOIN releases r ON r.id = f.release_id WHERE f.component_id = $1 AND f.group_id = $2',
        [parts[1], parts[2]],
      );
      const r = rows[0];
      return r ? { findingId: String(r.id), releaseId: r.release_id, productId: r.product_id, groupId: Number(r.group_id) } : null;
    },
    async vulnGroupExists(groupId) {
      const { rows } = await q.query('SELECT 1 FROM vuln_groups WHERE id = $1', [groupId]);
      return rows.length > 0;
    },
    async obligations(caseId) {
      const { rows } = await q.query<ObligationRow>(`${obligationSelect} WHERE o.case_id = $1 ORDER BY o.due_at NULLS LAST, o.obligation_key`, [caseId]);
      return rows.map(toObligation);
    },
    async upsertObligation(caseId, id, o, at) {
      await q.query(
        `INSERT INTO case_obligations (id, case_id, obligation_key, rule_id, pack_id, pack_version, title, citation, period, trigger,
           due_at, due_local, time_zone, due_soon_at, status, provisional, assumptions, missing_facts,
           na_source, na_code, na_reason, na_by, na_at, fulfilled_at, late, evaluated_at, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12,$13,$14,$15,$16,$17::jsonb,$18::jsonb,$19,$20,$21,$22,$23,$24,$25,$26,$26)
         ON CONFLICT (case_id, obligation_key) DO UPDATE SET
           rule_id = EXCLUDED.rule_id, pack_id = EXCLUDED.pack_id, pack_version = EXCLUDED.pack_version, title = EXCLUDED.title,
           citation = EXCLUDED.citation, period = EXCLUDED.period, trigger = EXCLUDED.trigger, due_at = EXCLUDED.due_at,
           due_local = EXCLUDED.due_local, time_zone = EXCLUDED.time_zone, due_soon_at = EXCLUDED.due_soon_at, status = EXCLUDED.status,
           provisional = EXCLUDED.provisional, assumptions = EXCLUDED.assumptions, missing_facts = EXCLUDED.missing_facts,
           na_source = EXCLUDED.na_source, na_code = EXCLUDED.na_code, na_reason = EXCLUDED.na_reason, na_by = EXCLUDED.na_by,
           na_at = EXCLUDED.na_at, fulfilled_at = EXCLUDED.fulfilled_at, late = EXCLUDED.late, evaluated_at = EXCLUDED.evaluated_at`,
        [id, caseId, o.key, o.ruleId, o.packId, o.packVersion, o.title, o.citation, o.period, json(o.trigger ?? null),
          o.dueAt, o.dueLocal, o.timeZone, o.dueSoonAt, o.status, o.provisional, json(o.assumptions), json(o.missingFacts),
          o.naSource, o.naCode, o.naReason, o.naBy, o.naAt, o.fulfilledAt, o.late, at.toISOString()],
      );
    },
    async setFulfilment(obligationId, f) {
      await q.query('UPDATE case_obligations SET fulfilled_by = $2, reference = $3, document_id = $4 WHERE id = $1', [obligationId, f.by, f.reference, f.documentId]);
    },
    async insertDocument(d) {
      await q.query(
        `INSERT INTO case_documents (id, case_id, name, sha256, byte_size, content, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, decode($6, 'base64'), $7, $8)`,
        [d.id, d.caseId, d.name, d.sha256, d.bytes.byteLength, Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength).toString('base64'), d.uploadedBy, d.uploadedAt.toISOString()],
      );
    },
    async document(id) {
      if (!uuidPattern.test(id)) return null;
      const { rows } = await q.query<{ case_id: string; name: string; sha256: string; content: string }>(`SELECT case_id, name, sha256, encode(content, 'base64') AS content FROM case_documents WHERE id = $1`, [id]);
      const r = rows[0];
      return r ? { caseId: r.case_id, name: r.name, sha256: r.sha256, bytes: new Uint8Array(Buffer.from(r.content, 'base64')) } : null;
    },
    async documents(caseId) {
      const { rows } = await q.query<{ id: string; name: string; sha256: string; byte_size: number; uploaded_by: string; uploaded_at: Date }>(
        'SELECT id, name, sha256, byte_size, uploaded_by, uploaded_at FROM case_documents WHERE case_id = $1 ORDER BY uploaded_at, id',
        [caseId],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, sha256: r.sha256, byteSize: Number(r.byte_size), uploadedBy: r.uploaded_by, uploadedAt: iso(r.uploaded_at) }));
    },
    async removeLink(caseId, link) {
      const { rows } = await q.query('DELETE FROM case_links WHERE case_id = $1 AND target_type = $2 AND target_id = $3 RETURNING target_id', [caseId, link.type, link.id]);
      return rows.length > 0;
    },
    async setSeverity(id, severity, at) {
      await q.query('UPDATE cases SET severity = $2, updated_at = $3 WHERE id = $1', [id, severity, at.toISOString()]);
    },
    async close(id, c) {
      await q.query(
        `UPDATE cases SET status = 'closed', closed_at = $2, closed_by = $3, resolution = $4, forced_close_reason = $5, updated_at = $2 WHERE id = $1`,
        [id, c.at.toISOString(), c.by, c.resolution, c.forcedReason],
      );
    },
    async reopen(id, at) {
      await q.query(`UPDATE cases SET status = 'open', closed_at = NULL, closed_by = NULL, resolution = NULL, forced_close_reason = NULL, updated_at = $2 WHERE id = $1`, [id, at.toISOString()]);
    },
    async insertTasks(tasks) {
      if (!tasks.length) return;
      await q.query(
        `INSERT INTO case_tasks (id, case_id, playbook, template_key, ordinal, title, role, assignee_id, due_at, due_manual, status, note, created_by, created_at, updated_at)
         SELECT x.id, x.case_id, x.playbook, x.template_key,
                COALESCE((SELECT max(ordinal) FROM case_tasks WHERE case_id = x.case_id), 0) + x.i, x.title, x.role, x.assignee_id, x.due_at, x.due_manual, 'open', x.note, x.created_by, x.created_at, x.created_at
         FROM jsonb_to_recordset($1::jsonb) AS x(i int, id uuid, case_id uuid, playbook text, template_key text, title text, role text, assignee_id uuid, due_at timestamptz, due_manual boolean, note text, created_by text, created_at timestamptz)
         ORDER BY x.i`,
        [json(tasks.map((t, i) => ({ i: i + 1, id: t.id, case_id: t.caseId, playbook: t.playbook, template_key: t.templateKey, title: t.title, role: t.role, assignee_id: t.assigneeId, due_at: t.dueAt, due_manual: t.dueManual, note: t.note, created_by: t.createdBy, created_at: t.createdAt.toISOString() })))],
      );
    },
    async tasks(caseId) {
      const { rows } = await q.query<TaskRow>(`${taskSelect} WHERE t.case_id = $1 ORDER BY t.ordinal`, [caseId]);
      return rows.map(toTask);
    },
    async task(caseId, taskId) {
      if (!uuidPattern.test(taskId)) return null;
      const { rows } = await q.query<TaskRow>(`${taskSelect} WHERE t.case_id = $1 AND t.id = $2`, [caseId, taskId]);
      return rows[0] ? toTask(rows[0]) : null;
    },
    async updateTask(id, t, at) {
      await q.query(
        `UPDATE case_tasks SET title = $2, assignee_id = $3, due_at = $4, due_manual = $5, status = $6, done_by = $7, done_at = $8, note = $9, updated_at = $10 WHERE id = $1`,
        [id, t.title, t.assigneeId, t.dueAt, t.dueManual, t.status, t.doneBy, t.doneAt, t.note, at.toISOString()],
      );
    },
    async taskList(filter) {
      const params: unknown[] = [filter.limit];
      const where = [`c.status = 'open'`];
      if (filter.status) {
        params.push(filter.status);
        where.push(`t.status = $${params.length}`);
      }
      if (filter.assigneeId === null) where.push('t.assignee_id IS NULL');
      else if (filter.assigneeId !== undefined) {
        if (!uuidPattern.test(filter.assigneeId)) return [];
        params.push(filter.assigneeId);
        where.push(`t.assignee_id = $${params.length}`);
      }
      const { rows } = await q.query<TaskRow & { case_number: string | number; case_title: string; case_kind: CaseKind; case_severity: CaseSeverity }>(
        `SELECT t.*, u.email AS assignee_email, u.display_name AS assignee_name,
                c.number AS case_number, c.title AS case_title, c.kind AS case_kind, c.severity AS case_severity
         FROM case_tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN users u ON u.id = t.assignee_id
         WHERE ${where.join(' AND ')}
         ORDER BY t.due_at NULLS LAST, c.number, t.ordinal LIMIT $1`,
        params,
      );
      return rows.map((r): PortfolioTask => ({ ...toTask(r), case: { id: r.case_id, number: Number(r.case_number), title: r.case_title, kind: r.case_kind, severity: r.case_severity } }));
    },
    async board(filter) {
      const now = filter.now.toISOString();
      const where =
        filter.state === 'all'
          ? 'TRUE'
          : filter.state === 'overdue'
            ? `o.status IN ('pending', 'due-soon', 'overdue') AND o.due_at < $1`
            : filter.state === 'due-soon'
              ? `o.status IN ('pending', 'due-soon', 'overdue') AND o.due_at >= $1 AND o.due_soon_at <= $1`
              : `o.status IN ('pending', 'due-soon', 'overdue')`;
      const { rows } = await q.query<ObligationRow>(
        `SELECT o.*, d.name AS doc_name, d.sha256 AS doc_sha256, d.byte_size AS doc_size, c.number AS case_number, c.title AS case_title, c.kind AS case_kind
         FROM case_obligations o JOIN cases c ON c.id = o.case_id LEFT JOIN case_documents d ON d.id = o.document_id
         WHERE c.status = 'open' AND ${where} AND $1::timestamptz IS NOT NULL
         ORDER BY o.due_at NULLS LAST, c.number, o.obligation_key LIMIT $2`,
        [now, filter.limit],
      );
      return rows.map((r): BoardObligation => ({ ...toObligation(r), case: { id: r.case_id, number: Number(r.case_number), title: r.case_title!, kind: r.case_kind! } }));
    },
  };
}

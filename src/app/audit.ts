import type { AuditStore, UnitOfWork } from './ports.ts';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  head: string;
  broken: Awaited<ReturnType<AuditStore['verify']>>['broken'];
}

/** Recomputes the whole hash chain and reports the first broken link. */
export async function verifyAuditTrail(deps: { uow: UnitOfWork }, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  const r = await deps.uow.read((s) => s.audit.verify(onProgress));
  return { ok: r.broken === null, ...r };
}

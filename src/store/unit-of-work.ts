import type { Clock, IdSource, JobEnqueuer, Stores, UnitOfWork } from '../app/ports.ts';
import type { Db, Queryable } from './db.ts';
import { auditRepository } from './audit.repository.ts';
import { apiTokenRepository, sessionRepository, settingRepository, userRepository } from './account.repository.ts';
import { componentRepository } from './component.repository.ts';
import { productRepository } from './product.repository.ts';
import { releaseRepository } from './release.repository.ts';
import { sbomRepository } from './sbom.repository.ts';
import { advisoryRepository } from './advisory.repository.ts';
import { feedStateRepository } from './feed-state.repository.ts';
import { findingRepository } from './finding.repository.ts';
import { caseRepository } from './case.repository.ts';
import { notificationRepository } from './notification.repository.ts';

export interface UnitOfWorkDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
  /** Builds a job enqueuer bound to a transaction; without a queue, enqueueing is an error. */
  jobs?: (q: Queryable) => JobEnqueuer;
}

const noQueue: JobEnqueuer = {
  enqueue: async (name) => {
    throw new Error(`cannot enqueue '${name}': this process has no job queue`);
  },
};

export function storesFor(q: Queryable, deps: UnitOfWorkDeps): Stores {
  const advisories = advisoryRepository(q);
  return {
    products: productRepository(q),
    releases: releaseRepository(q),
    sboms: sbomRepository(q),
    components: componentRepository(q),
    audit: auditRepository(q, deps),
    users: userRepository(q),
    sessions: sessionRepository(q),
    apiTokens: apiTokenRepository(q),
    settings: settingRepository(q),
    jobs: deps.jobs ? deps.jobs(q) : noQueue,
    advisories,
    findings: findingRepository(q, (ids) => advisories.groupSummaries(ids)),
    feeds: feedStateRepository(q),
    cases: caseRepository(q),
    notifications: notificationRepository(q),
  };
}

export function createUnitOfWork(deps: UnitOfWorkDeps): UnitOfWork {
  return {
    write: (fn) => deps.db.transaction((tx) => fn(storesFor(tx, deps))),
    read: (fn) => fn(storesFor(deps.db, deps)),
  };
}

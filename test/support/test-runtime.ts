/** A Runtime over this file's test database, with a controllable clock. */
import { loadConfig, type VigilConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.ts';
import { createTestDb, testClock, type TestDb } from './test-db.ts';

export interface TestRuntime {
  rt: Runtime;
  testDb: TestDb;
  clock: ReturnType<typeof testClock>;
  close(): Promise<void>;
}

export async function createTestRuntime(opts: { queue?: boolean; config?: Partial<VigilConfig> } = {}): Promise<TestRuntime> {
  const testDb = await createTestDb();
  const clock = testClock();
  const config = { ...loadConfig({ env: {}, cwd: process.cwd() }), demo: false, logLevel: 'silent' as const, ...opts.config };
  const rt = await openRuntime(config, { db: testDb.db, queue: opts.queue ?? false, queueMaintenance: false, clock });
  return {
    rt,
    testDb,
    clock,
    async close() {
      await rt.close();
      await testDb.close();
    },
  };
}

/**
 * Worker thread of a full correlation run: holds the compiled candidates and matches the chunks
 * the run sends, while the run's thread writes the previous chunk's findings.
 */
import { parentPort } from 'node:worker_threads';
import { Matcher, type Candidate } from './correlate-matcher.ts';
import type { MatchableIdentity } from './ports.ts';

export interface MatchRequest {
  id: number;
  /** Forget every compiled candidate first (the run's memory bound). */
  reset: boolean;
  candidates: Candidate[];
  identities: Array<Omit<MatchableIdentity, 'instances'>>;
}

const matcher = new Matcher();
parentPort?.on('message', (m: MatchRequest) => {
  try {
    if (m.reset) matcher.clear();
    matcher.add(m.candidates);
    parentPort!.postMessage({ id: m.id, results: matcher.match(m.identities) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});

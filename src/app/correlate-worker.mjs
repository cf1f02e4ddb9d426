// Loads the correlation worker (TypeScript) in a worker thread: the thread needs its own loader.
import { register } from 'tsx/esm/api';

register();
await import('./correlate-worker.ts');

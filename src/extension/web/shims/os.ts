// `node:os` in the web bundle: the CLI's audit sizes its parse pool by the cores it may use.
// The browser has no worker-thread parse pool (see worker_threads.ts), so one thread it is.
export function availableParallelism(): number {
  return 1;
}

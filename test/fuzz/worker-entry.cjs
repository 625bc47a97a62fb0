// A worker thread's entry must be JavaScript on Node 20: it loads tsx, then the TypeScript worker.
require('tsx/cjs');
require('./worker.ts');

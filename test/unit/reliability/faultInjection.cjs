// Preloaded into the real CLI process (node --require) by the reliability tests. What it does is
// chosen by KB_FAULTS, a comma-separated list:
//   trace         log every file system call's path (and the peak memory at exit) to KB_TRACE
//   reverse       list directory entries in reverse order, as another file system might
//   crash         throw from a timer, outside the CLI's main()
//   write-fails   writing a file writes half of it, then fails with ENOSPC
const fs = require('node:fs');

const faults = new Set((process.env.KB_FAULTS || '').split(',').filter(Boolean));
const tracePath = process.env.KB_TRACE;

function trace(op, path) {
  if (tracePath) fs.appendFileSync(tracePath, JSON.stringify({ op, path: String(path) }) + '\n');
}

const promises = fs.promises;
function wrap(name, before) {
  const original = promises[name];
  promises[name] = async function (...args) {
    await before?.(...args);
    trace(name, args[0]);
    const result = await original.apply(this, args);
    if (name === 'readdir' && faults.has('reverse')) result.reverse();
    return result;
  };
}

// The same for the synchronous calls, traced under the same names.
function wrapSync(name) {
  const original = fs[`${name}Sync`];
  fs[`${name}Sync`] = function (...args) {
    trace(name, args[0]);
    const result = original.apply(this, args);
    if (name === 'readdir' && faults.has('reverse')) result.reverse();
    return result;
  };
}

if (faults.has('trace') || faults.has('reverse')) {
  for (const name of ['readFile', 'readdir', 'stat', 'lstat', 'realpath', 'open', 'opendir', 'rename', 'writeFile']) wrap(name);
  for (const name of ['readFile', 'readdir', 'stat', 'lstat', 'realpath']) wrapSync(name);
  process.on('exit', () => trace('maxRSS', process.resourceUsage().maxRSS * 1024));
}

if (faults.has('crash')) {
  setTimeout(() => {
    throw new Error('injected failure outside main()');
  }, 0);
}

if (faults.has('write-fails')) {
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const halfOf = (data) => {
    const buffer = Buffer.from(data);
    return buffer.subarray(0, buffer.length >> 1);
  };
  const writeFile = promises.writeFile;
  promises.writeFile = async (path, data, options) => {
    await writeFile(path, halfOf(data), options);
    throw enospc();
  };
  const open = promises.open;
  promises.open = async (...args) => {
    const handle = await open(...args);
    const write = handle.writeFile.bind(handle);
    handle.writeFile = async (data) => {
      await write(halfOf(data));
      throw enospc();
    };
    handle.write = async (data) => {
      await write(halfOf(data));
      throw enospc();
    };
    return handle;
  };
  fs.writeFileSync = (path, data, options) => {
    fs.appendFileSync(path, halfOf(data), options);
    throw enospc();
  };
}

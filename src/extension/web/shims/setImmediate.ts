// Injected into the web bundles for every use of `setImmediate` (esbuild.js): the engine yields
// to the event loop between slices of work with it, and browsers have none. A MessageChannel
// message runs as a task, like setImmediate and unlike a promise; setTimeout(0) would be clamped
// to 4 ms after a few nested calls, which slows every long loop that yields.
const queue: (() => void)[] = [];
let channel: MessageChannel | undefined;

function webSetImmediate(callback: () => void): number {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
  }
  queue.push(callback);
  channel.port2.postMessage(undefined);
  return 0;
}

export { webSetImmediate as setImmediate };

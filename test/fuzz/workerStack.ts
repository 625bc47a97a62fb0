// Where a busy worker thread is: its JavaScript stack, read through the inspector from the thread
// that watches it. The campaign records it with a hang, so the hang can be understood from the
// report even when the input does not stall again on replay.
import { Session } from 'node:inspector';
import type { Worker } from 'node:worker_threads';

interface CallFrame {
  functionName: string;
  location: { scriptId: string };
}

/**
 * The worker's stack, innermost frame first (`function (file)`, paths relative to `root`; lines
 * are left out, as a TypeScript file runs transformed), or null when it could not be read within `timeoutMs` (a thread blocked outside
 * JavaScript, in a synchronous child process for one, cannot be paused until it returns).
 */
let session: Session | undefined;
/** The inspector's own session id of each worker thread, by thread id. */
const attached = new Map<string, string>();
let pending: ((callFrames: CallFrame[]) => void) | undefined;
let messages = 0;
/** Each script's file, by id: the inspector names a frame's script by id only. */
const scripts = new Map<string, string>();

/**
 * Starts watching worker threads; call it before starting the worker (the inspector announces
 * each worker once, when it starts).
 */
export function watchWorkers(): void {
  if (session) return;
  session = new Session();
  session.connect();
  session.on('NodeWorker.attachedToWorker', ({ params }) => attached.set(params.workerInfo.workerId, params.sessionId));
  session.on('NodeWorker.detachedFromWorker', ({ params }) => {
    for (const [worker, id] of attached) if (id === params.sessionId) attached.delete(worker);
  });
  session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
    const message = JSON.parse(params.message) as { method?: string; params?: { callFrames: CallFrame[]; scriptId?: string; url?: string } };
    if (message.method === 'Debugger.scriptParsed' && message.params?.scriptId) scripts.set(message.params.scriptId, message.params.url ?? '');
    if (message.method !== 'Debugger.paused' || !message.params?.callFrames) return;
    // Let it go on (or be terminated): a thread left paused never finishes.
    send(params.sessionId, 'Debugger.resume');
    send(params.sessionId, 'Debugger.disable');
    pending?.(message.params.callFrames);
  });
  session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
}

function send(sessionId: string, method: string): void {
  session?.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id: ++messages, method }) });
}

/**
 * The worker's stack, innermost frame first (`function (file)`, paths relative to `root`; lines
 * are left out, as a TypeScript file runs transformed), or null when it could not be read within `timeoutMs` (a thread blocked outside
 * JavaScript, in a synchronous child process for one, cannot be paused until it returns).
 */
export async function workerStack(worker: Worker, root: string, timeoutMs = 5000): Promise<string[] | null> {
  const sessionId = attached.get(String(worker.threadId));
  if (!session || sessionId === undefined) return null;
  let timer: NodeJS.Timeout | undefined;
  const read = new Promise<CallFrame[]>((resolve) => (pending = resolve));
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  send(sessionId, 'Debugger.enable');
  send(sessionId, 'Debugger.pause');
  const frames = await Promise.race([read, late]);
  pending = undefined;
  clearTimeout(timer);
  return (
    frames?.map((frame) => {
      const file = (scripts.get(frame.location.scriptId) ?? '').replace(/^file:\/\//, '').replace(`${root}/`, '');
      return `${frame.functionName || '(anonymous)'} (${file || 'unknown script'})`;
    }) ?? null
  );
}

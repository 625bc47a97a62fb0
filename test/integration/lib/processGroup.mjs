// Stopping a process together with everything it started. The VS Code server forks an extension
// host, a file watcher and a pty host; all stay in the server's process group, so the harness
// starts the server as a group leader and ends the whole group.
import { readdirSync, readFileSync } from 'node:fs';

/** Process ids whose process group is `pgid` (Linux: field 5 of /proc/<pid>/stat). */
export function groupMembers(pgid) {
  const members = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may hold spaces: read after its last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (Number(fields[2]) === pgid && state !== 'Z') members.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // nothing left to signal
  }
}

async function waitForEmptyGroup(pgid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (groupMembers(pgid).length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return groupMembers(pgid).length === 0;
}

/**
 * Ends process group `pgid`: SIGTERM, then SIGKILL for whatever is still there after `graceMs`.
 * @returns the ids still alive afterwards (normally none)
 */
export async function stopGroup(pgid, graceMs = 5000) {
  signalGroup(pgid, 'SIGTERM');
  if (await waitForEmptyGroup(pgid, graceMs)) return [];
  signalGroup(pgid, 'SIGKILL');
  await waitForEmptyGroup(pgid, 5000);
  return groupMembers(pgid);
}

/** Last resort when the harness is exiting: no waiting possible. */
export function killGroupNow(pgid) {
  signalGroup(pgid, 'SIGKILL');
}

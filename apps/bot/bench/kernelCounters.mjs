import { readFileSync } from 'node:fs';

const WANTED = ['ListenOverflows', 'ListenDrops', 'TCPSynRetrans'];

/**
 * Linux's TCP counters that explain a slow connection: a full listen queue drops the SYN and the client retries
 * only after a 1 s timeout. Machine-wide, but during a run the bench's own loopback traffic is all there is.
 */
export function tcpCounters() {
  let text;
  try {
    text = readFileSync('/proc/net/netstat', 'utf8');
  } catch {
    return null;
  }
  const lines = text.trim().split('\n');
  const counters = {};
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i].split(/\s+/);
    const values = lines[i + 1].split(/\s+/);
    names.forEach((name, k) => {
      if (WANTED.includes(name)) counters[name] = Number(values[k]);
    });
  }
  return counters;
}

/** How much each counter grew between two readings. */
export function counterDelta(before, after) {
  if (!before || !after) return null;
  return Object.fromEntries(WANTED.map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)]));
}

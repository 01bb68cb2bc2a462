// Looking at a recorded epoch without changing the live network: the network goes to a
// saved state for one call and back to its own (parameters, optimizer slots, counters and
// generator, all restored exactly), whatever the call does or throws.
import type { Network } from '../core/index.js';

/** Runs `fn` with the network at `state`, then puts the network's own state back. */
export function atState<T>(net: Network, state: Uint8Array, fn: () => T): T {
  const current = net.saveState();
  net.restoreState(state);
  try {
    return fn();
  } finally {
    net.restoreState(current);
  }
}

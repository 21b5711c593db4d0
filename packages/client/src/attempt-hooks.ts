// What a connection does around each attempt besides sending it: signing (auth) and reporting (a logger). The
// transport calls these hooks and knows nothing of AuthProvider or Logger, so a program with neither bundles
// neither's code: the hooks are made where the program gets its provider or logger (the auth factories,
// customAuth, attemptLogger), and found here by the object they belong to.
import type { AttemptHooks } from "./transport.js";

/**
 * One WeakMap per process, under a global symbol: the package's entries are bundled apart (`@aidp/client/node`
 * registers the principals' hooks, the main entry's connection looks them up), and a program may even hold two
 * copies of the package. A WeakMap rather than a property: the provider or logger keeps its shape (a frozen one
 * too), and nothing else can read them. Made on first use: no module-level side effect.
 */
const REGISTRY = Symbol.for("@aidp/client.attemptHooks");

function hooksByOwner(): WeakMap<object, AttemptHooks> {
  const holder = globalThis as { [REGISTRY]?: WeakMap<object, AttemptHooks> };
  holder[REGISTRY] ??= new WeakMap();
  return holder[REGISTRY];
}

/** Gives `owner` (an AuthProvider, a Logger) the hooks that make it work in a connection; returns `owner`. */
export function withAttemptHooks<T extends object>(owner: T, hooks: AttemptHooks): T {
  hooksByOwner().set(owner, hooks);
  return owner;
}

export function attemptHooksOf(owner: object): AttemptHooks | undefined {
  return hooksByOwner().get(owner);
}

// What a connection does around each attempt besides sending it: signing (auth) and reporting (a logger). The
// transport calls these hooks and knows nothing of AuthProvider or Logger, so a program with neither bundles
// neither's code: the hooks are made where the program gets its provider or logger (the auth factories,
// customAuth, attemptLogger), and found here by the object and the role it plays.
import type { AttemptHooks } from "./transport.js";

/** The two roles an object can play in a connection. One object may play both (a provider that also logs). */
export type HookRole = "auth" | "logger";

/**
 * WeakMaps rather than properties: the provider or logger keeps its shape (a frozen one too). One per role, so an
 * object registered as a logger is not taken for a provider. Per copy of the package: the package's entries share
 * the main entry's module, and a second copy of the package in one program signs and logs with its own code.
 */
const hooksByRole: Record<HookRole, WeakMap<object, AttemptHooks>> = {
  auth: new WeakMap(),
  logger: new WeakMap(),
};

/** Gives `owner` the hooks that make it work in a connection in `role`; returns `owner`. */
export function withAttemptHooks<T extends object>(owner: T, role: HookRole, hooks: AttemptHooks): T {
  hooksByRole[role].set(owner, hooks);
  return owner;
}

export function attemptHooksOf(owner: object, role: HookRole): AttemptHooks | undefined {
  return hooksByRole[role].get(owner);
}

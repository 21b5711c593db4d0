// Preloaded into a child with NODE_OPTIONS=--import: every host name lookup fails as an unknown host does
// (ENOTFOUND), so that a test sees which host a command would reach without ever reaching it (no network).
import dns from "node:dns";

dns.lookup = (hostname, options, callback) => {
  const done = typeof options === "function" ? options : callback;
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: "ENOTFOUND",
    errno: -3008,
    syscall: "getaddrinfo",
    hostname,
  });
  process.nextTick(done, error);
};

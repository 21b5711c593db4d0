// Small Node programs for the tests: each is `node --eval <source>`, run with this Node.

/** Starts a child (which stays in its process group, as children do by default), prints its pid, then idles. */
export const parentWithChild = `
  const { spawn } = require("node:child_process");
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e9)"], { stdio: "ignore" });
  console.log("child " + child.pid);
  setInterval(() => {}, 1e9);
`;

export const ignoresSigterm = `
  process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
  console.log("ready");
  setInterval(() => {}, 1e9);
`;

export const failsLoudly = `console.error("the reason it failed"); process.exit(3);`;

export const printsThenIdles = `
  console.log("working on it");
  setInterval(() => {}, 1e9);
`;

// Fails when the build changed a tracked file: generated code must be reproducible from the spec,
// and what is committed must be what the spec generates.
import { execFileSync } from "node:child_process";

const changed = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
  encoding: "utf8",
}).trim();
if (changed !== "") {
  const diff = execFileSync("git", ["diff", "--stat"], { encoding: "utf8" });
  console.error(`The build changed tracked files; commit the regenerated output:\n${changed}\n${diff}`);
  process.exit(1);
}
console.log("Generated files are up to date: the build changed no tracked file.");

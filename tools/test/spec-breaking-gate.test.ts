// The spec's breaking-change gate, run as the real script on the real bundle: it must trip on each kind of
// breaking edit and let an additive one or an announced (major) one through.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../release/workspace-packages.ts";

// biome-ignore lint/suspicious/noExplicitAny: the edits reach into arbitrary nodes of the spec
type Spec = Record<string, any>;
const released: Spec = JSON.parse(readFileSync(join(repoRoot, "spec", "dist", "openapi.json"), "utf8"));
const script = join(repoRoot, "tools", "release", "check-spec-breaking.ts");
const searchOperation = (spec: Spec) =>
  spec.paths["/20260430/aiDataPlatforms/{aiDataPlatformId}/actions/searchAuditLogs"].post;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aidp-spec-gate-"));
  mkdirSync(join(dir, ".changeset"));
  writeFileSync(join(dir, "released.json"), JSON.stringify(released));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function gate(edit: (spec: Spec) => void) {
  const current = structuredClone(released);
  edit(current);
  writeFileSync(join(dir, "current.json"), JSON.stringify(current));
  const args = [
    script,
    "--released",
    join(dir, "released.json"),
    "--current",
    join(dir, "current.json"),
    "--repo",
    dir,
  ];
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

const breakingEdits: [string, (spec: Spec) => void, string][] = [
  [
    "a removed response field",
    (s) => delete s.components.schemas.AuditLogSearchResultSummary.properties.eventId,
    "eventId",
  ],
  ["a narrowed enum", (s) => narrowEnum(s), "enum"],
  [
    "a new required parameter",
    (s) =>
      searchOperation(s).parameters.push({
        name: "opc-new-header",
        in: "header",
        required: true,
        description: "New.",
        schema: { type: "string" },
      }),
    "parameters",
  ],
  [
    "a changed type",
    (s) => (s.components.schemas.AuditLogSearchResultSummary.properties.eventId.type = "integer"),
    "type",
  ],
  [
    "a request property made required",
    (s) => {
      const details = s.components.schemas.SearchAuditLogsDetails;
      details.required = [...(details.required ?? []), "status"];
    },
    "required",
  ],
];

const narrowEnum = (s: Spec) => s.components.schemas.Status.enum.pop();

describe("the gate trips without a major changeset", () => {
  it.each(breakingEdits)("on %s", (_, edit, where) => {
    const { status, output } = gate(edit);
    expect(output).toContain("no `major` changeset for @aidp/spec");
    expect(output).toContain(where);
    expect(status).toBe(1);
  });

  it("also when the pending changeset is only a minor", () => {
    writeFileSync(join(dir, ".changeset", "minor.md"), '---\n"@aidp/spec": minor\n---\n\nSomething.\n');
    expect(gate(narrowEnum).status).toBe(1);
  });
});

describe("the gate passes", () => {
  it("on an additive edit (a new optional response field and a new optional parameter)", () => {
    const { status, output } = gate((s) => {
      s.components.schemas.AuditLogSearchResultSummary.properties.region = {
        type: "string",
        description: "Region.",
      };
      searchOperation(s).parameters.push({
        name: "opc-hint",
        in: "header",
        description: "Hint.",
        schema: { type: "string" },
      });
    });
    expect(output).toContain("no breaking change since the last release");
    expect(status).toBe(0);
  });

  it("on a breaking edit announced by a major changeset of @aidp/spec", () => {
    writeFileSync(
      join(dir, ".changeset", "drop-status.md"),
      '---\n"@aidp/spec": major\n---\n\nStatus SUCCEEDED is gone.\n',
    );
    const { status, output } = gate(narrowEnum);
    expect(output).toContain("announced by major changeset drop-status");
    expect(status).toBe(0);
  });
});

it("skips, saying so, when nothing has been released yet", () => {
  const result = spawnSync(
    process.execPath,
    [script, "--released", join(dir, "absent.json"), "--repo", dir],
    {
      encoding: "utf8",
    },
  );
  expect(result.stdout).toContain("skipped: no released spec");
  expect(result.status).toBe(0);
});

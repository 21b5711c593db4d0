// The server in this process, served over the SDK's in-memory transport to each client: the 1.x SDK (an older
// protocol revision), the 2.x Client with its default 2025 handshake, and the 2.x Client on 2026-07-28.
import { describe, expect, it } from "vitest";
import { INSTANCE_ID, scanForSecretsAfterAll, toolScenarios, useMock } from "./support/scenarios.ts";
import { CLIENT_KINDS, inProcessSession } from "./support/sessions.ts";

const mocked = useMock();
scanForSecretsAfterAll();

describe.each(CLIENT_KINDS)("%s client, in process", (kind) => {
  toolScenarios(mocked, () =>
    inProcessSession(kind, { endpoint: mocked.mock().url, instanceId: INSTANCE_ID }),
  );
});

describe("progress and options", () => {
  it("sends progress notifications while waiting, when the client asks", async () => {
    const session = await inProcessSession("sdk1", { endpoint: mocked.mock().url, instanceId: INSTANCE_ID });
    try {
      const started = await session.callTool("download_cluster_logs", {
        workspaceKey: "w",
        clusterKey: "progress",
        logContentTypeContains: "driver",
        timeBegin: "1h",
        timeEnd: "0s",
      });
      const progress: { progress: number; total?: number; message?: string }[] = [];
      const ready = await session.callTool(
        "read_cluster_log",
        { logHandle: (started.structuredContent as { logHandle: string }).logHandle, waitSeconds: 30 },
        { onprogress: (p) => progress.push(p) },
      );
      expect(ready.structuredContent).toMatchObject({ status: "READY" });
      expect(progress.length).toBeGreaterThan(0);
      expect(progress[0]).toMatchObject({ total: 30, message: "the log file is not ready yet" });
    } finally {
      await session.close();
    }
  });

  it("--read-only offers the search alone", async () => {
    const session = await inProcessSession("sdk2-modern", { endpoint: mocked.mock().url, readOnly: true });
    try {
      const tools = await session.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(["search_audit_logs"]);
      // Without an instance id configured, the tool asks for it.
      expect(tools[0]?.inputSchema.required).toEqual(["aiDataPlatformId"]);
      // A tool not offered is a protocol fault (invalid params), not a tool result.
      await expect(session.callTool("download_cluster_logs", {})).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining("Tool download_cluster_logs not found"),
      });
    } finally {
      await session.close();
    }
  });
});

// Cancelling a call made over HTTP with a 2025 protocol revision. The SDK serves those statelessly: each POST
// gets a fresh server, so a `notifications/cancelled` POST reaches a server that never saw the call. This routes
// it: the HTTP requests in flight by their JSON-RPC id, each with the AbortController of its connection, whose
// signal the call follows. (Ids are the client's; on this loopback-only server, its one or few local clients.)
export class InFlightCalls {
  private readonly byId = new Map<string, AbortController>();

  /** Reads a POST's JSON-RPC body: registers a request, or aborts the request a cancel notification names. */
  observe(body: Uint8Array, controller: AbortController): () => void {
    const message = parse(body);
    if (message?.method === "notifications/cancelled") {
      const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
      this.byId.get(String(id))?.abort(new Error("cancelled by the client"));
      return () => {};
    }
    if (message?.id === undefined || message.method === undefined) return () => {};
    const key = String(message.id);
    this.byId.set(key, controller);
    return () => {
      if (this.byId.get(key) === controller) this.byId.delete(key);
    };
  }
}

function parse(body: Uint8Array): { id?: unknown; method?: unknown; params?: unknown } | undefined {
  try {
    const message = JSON.parse(new TextDecoder().decode(body)) as unknown;
    return typeof message === "object" && message !== null && !Array.isArray(message) ? message : undefined;
  } catch {
    return undefined;
  }
}

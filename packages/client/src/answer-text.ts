// An answer's body as the client reads it: text decoded once, JSON when it is JSON. Shared by the transport (a 409's
// code decides a retry) and the operation functions (the success body, an error's body).

export const decoder = /* @__PURE__ */ new TextDecoder();

/** The body as JSON when it is JSON, else its text (an HTML page from a proxy, say). */
export function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

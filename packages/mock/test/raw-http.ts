// Requests as bytes on a TCP socket, for what fetch cannot send (unknown methods, oversized or duplicate
// headers, CONNECT, a Content-Length the body never reaches), and the answer parsed from the bytes back.
import { connect } from "node:net";
import { within } from "@aidp/test-support";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` (a string of bytes) to `baseUrl` and reads the answer until the mock closes the connection. */
export async function rawExchange(baseUrl: string, request: string | Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("error", () => {}); // a reset after the answer is part of some edges; the answer is what counts
  socket.write(request);
  try {
    await within(closed, { timeoutMs: 15_000, what: "the mock to answer and close the connection" });
  } finally {
    socket.destroy();
  }
  return parseAnswer(Buffer.concat(chunks).toString("latin1"));
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) throw new Error(`no HTTP answer, got ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: text.slice(end + 4) };
}

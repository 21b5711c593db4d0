// `raw` is openapi-fetch over the transport, which sends each attempt from the same bytes and reads each answer
// whole inside its attempt. These two classes keep that from costing a second pass over a stream: openapi-fetch
// builds its Request with keptBodyRequest(), which remembers the serialised body it was given, and `raw` gets the
// transport's answer as a readResponse(), which answers text()/json()/arrayBuffer() from the bytes already read.
// (The operation functions need neither: they build the request and read the bytes themselves.)
// Both classes are made on first use: touching `Request` or `Response` at import time makes Node load its
// whole fetch implementation, which would cost every importer tens of milliseconds.

import { decoder } from "./answer-text.js";
import type { Answer, OutgoingRequest } from "./transport.js";

const keptBodies = new WeakMap<Request, BodyInit>();

let KeptBodyRequest: typeof Request | undefined;

/** A Request class that remembers the body each request was created with. */
export function keptBodyRequest(): typeof Request {
  KeptBodyRequest ??= class extends Request {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init);
      if (init?.body) keptBodies.set(this, init.body);
    }
  };
  return KeptBodyRequest;
}

type ReadResponseClass = new (bytes: Uint8Array<ArrayBuffer>, from: Response) => Response;
let ReadResponse: ReadResponseClass | undefined;

/** A Response over a body already read whole: `new (readResponse())(bytes, response)`. Readable once, as any. */
function readResponse(): ReadResponseClass {
  ReadResponse ??= class extends Response {
    readonly #bytes: Uint8Array<ArrayBuffer>;
    readonly #from: Response;
    #used = false;
    #stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;

    constructor(bytes: Uint8Array<ArrayBuffer>, from: Response) {
      super(null, { status: from.status, statusText: from.statusText });
      this.#bytes = bytes;
      this.#from = from;
    }

    // The answer's own headers and URL (not a copy).
    override get headers(): Headers {
      return this.#from.headers;
    }

    override get url(): string {
      return this.#from.url;
    }

    override get bodyUsed(): boolean {
      return this.#used;
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
      this.#stream ??= new Blob([this.#bytes]).stream();
      return this.#stream;
    }

    #take(): Uint8Array<ArrayBuffer> {
      if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
      this.#used = true;
      return this.#bytes;
    }

    override async text(): Promise<string> {
      return decoder.decode(this.#take());
    }

    override async json(): Promise<unknown> {
      return JSON.parse(await this.text());
    }

    override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.#take().slice();
    }

    override async arrayBuffer(): Promise<ArrayBuffer> {
      return (await this.bytes()).buffer;
    }

    override async blob(): Promise<Blob> {
      return new Blob([this.#take()], { type: this.headers.get("content-type") ?? "" });
    }

    override async formData(): Promise<FormData> {
      return new Response(this.#take(), this).formData();
    }

    override clone(): Response {
      if (this.#used) throw new TypeError("Response.clone: Body has already been consumed.");
      return new (readResponse())(this.#bytes, this);
    }
  };
  return ReadResponse;
}

/** What the transport sends for a Request openapi-fetch made: the JSON text it serialised, or else the body read once. */
export async function outgoingRequestOf(request: Request): Promise<OutgoingRequest> {
  const kept = keptBodies.get(request);
  const body =
    typeof kept === "string" ? kept : request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { method: request.method, url: request.url, headers: request.headers, body };
}

/** The transport's answer (read as bytes) as the Response openapi-fetch reads: a ReadResponse over those bytes. */
export function responseOf({ response, body }: Answer): Response {
  if (typeof body === "string") throw new TypeError("raw's answers are read as bytes, not text");
  return body === undefined ? response : new (readResponse())(body, response);
}

// Reads the API reference texts in test/seeds/ (copied verbatim from Oracle's documentation)
// into plain data, so the bundled spec can be compared with them field by field.

export interface SeedField {
  name: string;
  required: boolean;
  type: string;
  format?: string;
  description: string;
  enum?: string[];
  default?: string;
  example?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface SeedResponse {
  status: string;
  description: string;
  headers: SeedField[];
  schema?: string;
}

export interface SeedSchema {
  description: string;
  properties: SeedField[];
}

export interface SeedOperation {
  title: string;
  method: string;
  path: string;
  description: string;
  pathParameters: SeedField[];
  queryParameters: SeedField[];
  headerParameters: SeedField[];
  bodyDescription: string;
  bodySchema: string;
  responses: SeedResponse[];
  /** Every schema the text shows (request body, responses, nested), by name. */
  schemas: Map<string, SeedSchema>;
}

const SECTION_HEADINGS = ["Path Parameters", "Query Parameters", "Header Parameters", "Headers"];

/** Collapses white space so that line-wrapping differences do not count. */
export const normalizeText = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Splits a run of lines into the items that the reference text separates with a lone "-". */
function splitItems(lines: string[]): string[][] {
  const items: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === "-") {
      current = [];
      items.push(current);
    } else if (current) {
      current.push(line);
    }
  }
  return items;
}

function takeNumber(text: string, label: string): { value?: number; rest: string } {
  const match = new RegExp(`${label}:\\s*(-?\\d+)`).exec(text);
  if (!match) return { rest: text };
  return { value: Number(match[1]), rest: text.replace(match[0], "") };
}

/** Parses one "name(required): type" item with its constraint and description lines. */
function parseField(item: string[], headerLine: string, detailLines: string[]): SeedField {
  const header = /^([\w-]+)(\(required\))?:\s*(.*)$/.exec(headerLine);
  if (!header) throw new Error(`Unrecognised field line in seed: ${headerLine}`);
  const [, name = "", required, inlineType = ""] = header;
  let typeText = inlineType.trim();
  let details = detailLines;
  if (typeText === "") {
    typeText = (item[1] ?? "").trim();
    details = item.slice(2);
  }
  const typeMatch = /^(\w+)(?:\(([\w-]+)\))?/.exec(typeText) ?? [];
  let text = details.join("\n");
  const field: SeedField = { name, required: Boolean(required), type: typeMatch[1] ?? "", description: "" };
  if (typeMatch[2]) field.format = typeMatch[2];
  for (const [label, key] of [
    ["Minimum Value", "minimum"],
    ["Maximum Value", "maximum"],
    ["Minimum Length", "minLength"],
    ["Maximum Length", "maxLength"],
  ] as const) {
    const { value, rest } = takeNumber(text, label);
    if (value !== undefined) field[key] = value;
    text = rest;
  }
  const allowed = /Allowed Values:\s*\[([^\]]*)\]/.exec(text);
  if (allowed) {
    field.enum = [...(allowed[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
    text = text.replace(allowed[0], "");
  }
  const defaultValue = /Default Value:\s*([\w-]+?)(?=$|\s|Allowed|For|[A-Z][a-z])/.exec(text);
  if (defaultValue) {
    field.default = defaultValue[1];
    text = text.replace(defaultValue[0], "");
  }
  const example = /Example:\s*([\s\S]*)$/.exec(text);
  if (example) {
    field.example = (example[1] ?? "").trim();
    text = text.slice(0, example.index);
  }
  field.description = normalizeText(text);
  return field;
}

function parseFields(lines: string[]): SeedField[] {
  return splitItems(lines).map((item) => parseField(item, item[0] ?? "", item.slice(1)));
}

/** Returns the lines between `start` and the first following line that `isEnd` accepts. */
function sliceUntil(lines: string[], start: number, isEnd: (line: string) => boolean): string[] {
  const end = lines.findIndex((line, index) => index > start && isEnd(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

function parseSchemaBlock(lines: string[], start: number): SeedSchema {
  const body = sliceUntil(lines, start, (l) =>
    /^(Nested Schema|Root Schema) :|^Response$|^\d{3} Response$|^Default Response$/.test(l),
  );
  const showSource = body.indexOf("Show Source");
  const description = normalizeText(
    body
      .slice(0, showSource)
      .join(" ")
      .replace(/^Type:\s*object/, ""),
  );
  const fields = parseFields(body.slice(showSource + 1)).filter((f) => f.name !== "items" || f.type !== "");
  return { description, properties: fields };
}

export function parseSeed(source: string): SeedOperation {
  // An item separator sometimes trails the previous value on the same line: "Default Value:100 -".
  const lines = source
    .replace(/ -\n/g, "\n-\n")
    .split("\n")
    .map((line) => line.trimEnd());
  const [title = "", method = "", path = ""] = lines;
  const requestAt = lines.indexOf("Request");
  const description = normalizeText(lines.slice(3, requestAt).join(" "));
  const section = (heading: string) => {
    const at = lines.indexOf(heading, requestAt);
    if (at === -1) return [];
    return parseFields(
      sliceUntil(
        lines,
        at,
        (l) => SECTION_HEADINGS.includes(l) || /^Root Schema|^Request payload|^Details for/.test(l),
      ),
    );
  };
  const rootAt = lines.findIndex((l) => l.startsWith("Root Schema :"));
  const bodyDescription = lines[rootAt - 1] ?? "";
  const bodySchema = (lines[rootAt] ?? "").replace("Root Schema :", "").trim();

  const responses: SeedResponse[] = [];
  const schemas = new Map<string, SeedSchema>();
  lines.forEach((line, index) => {
    const status = /^(\d{3}|Default) Response$/.exec(line);
    if (status) {
      const block = sliceUntil(lines, index, (l) => /^(\d{3}|Default) Response$/.test(l));
      const headersAt = block.indexOf("Headers");
      const schemaLine = block.find((l) => l.startsWith("Root Schema :"));
      responses.push({
        status: status[1] === "Default" ? "default" : (status[1] ?? ""),
        description: block[0] ?? "",
        headers:
          headersAt === -1
            ? []
            : parseFields(sliceUntil(block, headersAt, (l) => l.startsWith("Root Schema"))),
        ...(schemaLine ? { schema: schemaLine.replace("Root Schema :", "").trim() } : {}),
      });
    }
    const schema = /^(?:Nested|Root) Schema : (\w+)$/.exec(line);
    if (schema?.[1] && schema[1] !== "items") schemas.set(schema[1], parseSchemaBlock(lines, index));
  });

  return {
    title,
    method,
    path,
    description,
    pathParameters: section("Path Parameters"),
    queryParameters: section("Query Parameters"),
    headerParameters: section("Header Parameters"),
    bodyDescription,
    bodySchema,
    responses,
    schemas,
  };
}

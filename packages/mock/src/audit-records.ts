// The default data set: `count` audit records generated from a seed, so two runs with the same seed answer
// the same. The fields and their values are the mock's choice of plausible data (typed against the spec's
// record, so a renamed field fails to compile); the enum values come from the spec's facts at run time, and the
// first records walk through every value of every enum field so that a data set of at least 24 records covers
// them all.
import { type SchemaFacts, SpecFactsError } from "@aidp/spec/facts";
import type { AuditLogSearchResultSummary } from "@aidp/types";
import { type SeededRandom, seededRandom } from "./seeded-random.ts";

/** One record of the data set: an `AuditLogSearchResultSummary` of the spec (every field optional there). */
export type AuditRecord = AuditLogSearchResultSummary;

export const DEFAULT_RECORD_COUNT = 500;
export const DEFAULT_SEED = "aidp-mock";
/** Records fall in the 30 days before this instant: fixed, so the data set does not move with the clock. */
const DATA_SET_END = Date.parse("2025-04-01T00:00:00Z");
const SPAN_MS = 30 * 24 * 3600_000;

const PEOPLE = [
  "jane.doe@example.com",
  "john.roe@example.com",
  "ana.silva@example.com",
  "wei.zhang@example.com",
  "svc-scheduler",
  "svc-ingest",
  "ocid1.user.oc1..aaaaaaaa5nfwo53cezleyy6t73v6rn6knhu3molvptnl3kcq34l5zb7ptz2q",
];
const SOURCES = ["console", "workbench", "workflow", "api", "cli", "sdk"];
const NAMES = [
  "sales",
  "orders",
  "customers",
  "raw-landing",
  "analytics-dev",
  "etl",
  "support-docs",
  "finance",
];
const SUFFIXES = ["daily", "ingest", "small", "archive", "v2", "eu", "us", "test"];
const ERRORS = [
  "Quota exceeded for VM.Standard.E5.Flex",
  "Volume is not empty",
  "Permission denied",
  "Object already exists",
  "Timed out after 300 s",
];

function uuid(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => random.below(16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[random.below(4)] as string;
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/**
 * The mock's choice of plausible data: objects of these types get dotted names (`sales.daily`), as catalog
 * objects have. A value the spec drops from ObjectType merely stops being dotted.
 */
const DOTTED_NAME_TYPES: readonly string[] = ["TABLE", "VIEW", "SCHEMA"];

function objectName(random: SeededRandom, objectType: string): string {
  const name = `${random.pick(NAMES)}-${random.pick(SUFFIXES)}`;
  return DOTTED_NAME_TYPES.includes(objectType) ? name.replace("-", ".") : name;
}

/** The enum values the record schema gives `field`, in the spec's order (the spec its type is generated from). */
function valuesOf<Field extends keyof AuditRecord>(
  record: SchemaFacts,
  field: Field,
): NonNullable<AuditRecord[Field]>[] {
  const values = record.properties?.[field]?.enum ?? [];
  if (values.length === 0)
    throw new SpecFactsError(
      `the mock generates records whose ${field} is one of an enum; the spec gives none`,
    );
  return values as NonNullable<AuditRecord[Field]>[];
}

/** `count` records from `seed`; `record` is the schema of one record (the spec's facts). */
export function generateRecords(count: number, seed: string, record: SchemaFacts): AuditRecord[] {
  const random = seededRandom(seed);
  // The spec's enums, in its order: the first records show every value once.
  const [types, operations, statuses] = [
    valuesOf(record, "objectType"),
    valuesOf(record, "operation"),
    valuesOf(record, "status"),
  ];
  const records: AuditRecord[] = [];
  for (let i = 0; i < count; i++) {
    const objectType = types[i] ?? random.pick(types);
    const operation = operations[i] ?? random.pick(operations);
    const status = statuses[i] ?? (random.next() < 0.8 ? statuses[0] : random.pick(statuses));
    const startedBy = random.pick(PEOPLE);
    const name = objectName(random, objectType);
    // Whole seconds for most records, milliseconds for some: both forms of date-time appear.
    const offset = random.below(SPAN_MS);
    const time = new Date(DATA_SET_END - SPAN_MS + (random.next() < 0.7 ? offset - (offset % 1000) : offset));
    const failed = status !== statuses[0]; // the spec lists the success status first (SUCCEEDED, FAILED)
    // Frozen: the mock never changes a record, and each one's JSON text is written once (json-text.ts).
    records.push(
      Object.freeze({
        eventId: uuid(random),
        objectType,
        objectName: name,
        operation,
        status,
        startedBy,
        source: random.pick(SOURCES),
        payload: JSON.stringify(
          failed ? { error: random.pick(ERRORS) } : { object: name, operation: operation.toLowerCase() },
        ),
        timeOfLog: time.toISOString().replace(".000Z", "Z"),
      }),
    );
  }
  return records;
}

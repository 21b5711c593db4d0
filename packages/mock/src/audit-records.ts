// The default data set: `count` audit records generated from a seed, so two runs with the same seed answer
// the same. Enum values come from the spec; the first records walk through every objectType, operation and
// status so that a data set of at least 24 records covers them all.
import {
  type AuditLogSearchResultSummary,
  ObjectTypeValues,
  OperationValues,
  StatusValues,
} from "@aidp/types";
import { type SeededRandom, seededRandom } from "./seeded-random.ts";

/** One record of the data set: an `AuditLogSearchResultSummary` of the spec (every field optional there). */
export type AuditRecord = AuditLogSearchResultSummary;

export const DEFAULT_RECORD_COUNT = 500;
export const DEFAULT_SEED = "aidp-mock";
/** Records fall in the 30 days before this instant: fixed, so the data set does not move with the clock. */
export const DATA_SET_END = Date.parse("2025-04-01T00:00:00Z");
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

function objectName(random: SeededRandom, objectType: string): string {
  const name = `${random.pick(NAMES)}-${random.pick(SUFFIXES)}`;
  return ["TABLE", "VIEW", "SCHEMA"].includes(objectType) ? name.replace("-", ".") : name;
}

export function generateRecords(count: number, seed: string): AuditRecord[] {
  const random = seededRandom(seed);
  // The spec's enums, in its order: the first records show every value once.
  const [types, operations, statuses] = [ObjectTypeValues, OperationValues, StatusValues];
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

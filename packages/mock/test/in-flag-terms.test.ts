// The commands say startMock's and startGateway's errors in the flags the user gave, not in JavaScript option names.
import { describe, expect, it } from "vitest";
import { inFlagTerms } from "../src/command-line.ts";

const flags = [
  "records",
  "records-file",
  "static",
  "dynamic",
  "verify-signatures",
  "report",
  "record",
  "profile",
];

describe("inFlagTerms", () => {
  it.each([
    ['option "recordsFile" must be a path, got ""', '--records-file must be a path, got ""'],
    [
      'options "records" and "recordsFile" exclude each other',
      "--records and --records-file exclude each other",
    ],
    [
      'option "records" needs the stateful mock (leave out "static" and "dynamic")',
      "--records needs the stateful mock (leave out --static and --dynamic)",
    ],
    [
      "did not start: verifySignatures: /x does not exist",
      "did not start: --verify-signatures: /x does not exist",
    ],
  ])("%s", (message, expected) => {
    expect(inFlagTerms(message, flags)).toBe(expected);
  });

  it("leaves values and names that are not flags as they are", () => {
    for (const message of [
      'no profile "report" in /home/u/.oci/config',
      'option "now" must be a function returning milliseconds, got string',
      '--auth must be one of api_key, none, got "static"',
      "records file /x: cannot be read",
    ])
      expect(inFlagTerms(message, flags)).toBe(message);
  });
});

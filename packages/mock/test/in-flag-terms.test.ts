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
  "seed",
  "upstream",
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
      "The AIDP mock did not start on 127.0.0.1:0: verifySignatures: ./static: expected a PEM block",
      "The AIDP mock did not start on 127.0.0.1:0: --verify-signatures: ./static: expected a PEM block",
    ],
    [
      'options "upstream" and "static" exclude each other (a gateway forwards; "static" shapes the answers)',
      '--upstream and --static exclude each other (a gateway forwards; "static" shapes the answers)',
    ],
  ])("%s", (message, expected) => {
    expect(inFlagTerms(message, flags)).toBe(expected);
  });

  it("leaves values, paths, a file's text and names that are not flags as they are", () => {
    for (const message of [
      'no profile "report" in /home/u/.oci/config',
      'option "now" must be a function returning milliseconds, got string',
      '--auth must be one of api_key, none, got "static"',
      "records file /x: cannot be read",
      "records file records: record 0: not an object",
      "records file /x/nope/record: cannot be read: ENOENT",
      "records file r.ndjson: line 1: Unexpected token 's', \"seed: 1\" is not valid JSON",
      'the value of "seed" or "static"',
    ])
      expect(inFlagTerms(message, flags)).toBe(message);
  });
});

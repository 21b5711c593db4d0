export { DOCUMENTED_ERROR_CLASS_NAMES, documentedErrorClasses } from "./documented-errors.ts";
export {
  describeExit,
  type Exit,
  type Finished,
  type ProcessOptions,
  type RunOptions,
  runProcess,
  runToExit,
  type StartedProcess,
  startProcess,
  stopAllProcesses,
} from "./processes.ts";
export {
  issueSessionToken,
  type ResourcePrincipalOptions,
  resourcePrincipalEnvironment,
  type SessionTokenRequest,
  sessionTokenPayload,
} from "./session-tokens.ts";
export {
  type CertificateRequest,
  issueTestCertificate,
  makeTestCa,
  type SubjectAttributes,
  type TestCertificate,
} from "./test-certificates.ts";
export {
  generateTestKeyPair,
  pemBody,
  TEST_IDENTITY,
  TEST_KEY_ID,
  TEST_PASSPHRASE,
  type TestKeyPair,
} from "./test-keys.ts";
export {
  beginTestRun,
  expectNoProcessesLeft,
  LeftoverProcessesError,
  processesOfRun,
  type TaggedProcess,
  TEST_RUN_ENV,
} from "./test-run.ts";
export {
  type MarkdownBlock,
  type TypeCheckBlocksOptions,
  typeCheck,
  typeCheckBlocks,
} from "./type-check-blocks.ts";
export { formatDuration, until, type WaitOptions, WaitTimeoutError, within } from "./wait.ts";

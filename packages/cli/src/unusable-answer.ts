// The service answered with success, but without what the command needs to go on (an export's answer without its
// log file URL): a service problem (exit 3), said in words, with the answer's request id for support.
export class UnusableAnswer extends Error {
  override name = "UnusableAnswer";
  constructor(
    message: string,
    readonly requestId: string | undefined,
  ) {
    super(message);
  }
}

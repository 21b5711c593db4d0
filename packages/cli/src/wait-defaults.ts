// The OCI CLI's defaults for --max-wait-seconds and --wait-interval-seconds, and the first pause between two polls
// of the PAR URL (they double up to the interval). download-logs' help says them (loaded at start-up) and its
// action gives them to the client's waitForLogFile (loaded when it runs): apart from both, so that neither imports
// the other, and the help does not load the client.
export const DEFAULT_WAIT_SECONDS = { max: 1200, interval: 30, firstInterval: 2 } as const;

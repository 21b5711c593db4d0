// The OCI CLI's defaults for --max-wait-seconds and --wait-interval-seconds. download-logs' help says them (loaded
// at start-up) and its action applies them (loaded when it runs): apart from both, so that neither imports the other.
export const DEFAULT_WAIT_SECONDS = { max: 1200, interval: 30 } as const;

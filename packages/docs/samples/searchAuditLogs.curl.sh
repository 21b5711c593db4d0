# SearchAuditLogs with curl against the local mock (`pnpm start`): the failed operations since 16 March 2025.
# Oracle Cloud also needs an OCI-signed `Authorization` header (see Authentication): use @aidp/client there.
curl --request POST \
  'http://127.0.0.1:4010/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq/actions/searchAuditLogs?limit=50' \
  --header 'Content-Type: application/json' \
  --header 'opc-request-id: docs-sample-1' \
  --include \
  --data '{"status": "FAILED", "timeBegin": "2025-03-16T00:00:00Z", "sortBy": "time", "sortOrder": "DESC"}'
# The next page: repeat with `&page=<value of the opc-next-page response header>`.

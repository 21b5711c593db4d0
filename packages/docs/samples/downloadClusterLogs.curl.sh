# DownloadClusterLogs with curl against the local mock (`pnpm start`): export one day of driver ERROR lines.
# Oracle Cloud also needs an OCI-signed `Authorization` header (see Authentication): use @aidp/client there.
curl --request POST \
  'http://127.0.0.1:4010/20260430/aiDataPlatforms/ocid1.aidataplatform.oc1.iad.amaaaaaabgjpxjqa7kwzz5ycyq2hl5s3l2obfrqrx4rbkhmrqdkqs3xfplwq/workspaces/7f3c2a9e-1d4b-4e8f-9a6c-2b5d8e1f0a34/clusters/c1a9d2f4-6b3e-4c7a-8d5f-0e2b4a6c8d1e/actions/downloadLogs' \
  --header 'Content-Type: application/json' \
  --header 'opc-retry-token: docs-sample-export-1' \
  --include \
  --data '{"logContentTypeContains": "driver", "logLevel": "ERROR", "timeBegin": "2025-03-16T00:00:00Z", "timeEnd": "2025-03-16T23:59:59Z"}'
# 202 Accepted: the aidp-async-operation-key header names the export, and
# datalake-cluster-log-par-url is where the log file will be (treat it as a secret).

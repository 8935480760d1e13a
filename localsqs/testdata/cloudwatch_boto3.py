"""Independent client for localsqs's CloudWatch endpoint (cw_boto3_test.go).

Usage: cloudwatch_boto3.py cbor|json. boto3 has its own CBOR and JSON
codecs, so this checks both wire formats against a second implementation. It prints one JSON
document: the series it read, the metrics it listed and the error codes
botocore decoded.
"""
import datetime
import json
import os
import sys

import boto3
import botocore.model
from botocore.config import Config
from botocore.exceptions import ClientError

# CloudWatch's model lists smithy-rpc-v2-cbor, json and query; botocore
# 1.43 picks the first of them in its own order, which puts json before
# CBOR. With the argument "cbor", put CBOR first so this client speaks what
# the Go SDK speaks; with "json", keep botocore's (and the AWS CLI's) choice.
if sys.argv[1:] == ["cbor"]:
    botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = ("smithy-rpc-v2-cbor",) + tuple(
        p for p in botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS if p != "smithy-rpc-v2-cbor")

cw = boto3.client(
    "cloudwatch",
    endpoint_url=os.environ["LOCALSQS_ENDPOINT"],
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}),
)
t0 = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone.utc)


def q(qid, metric, stat, period=60):
    return {
        "Id": qid,
        "MetricStat": {
            "Metric": {"Namespace": "AWS/SQS", "MetricName": metric,
                       "Dimensions": [{"Name": "QueueName", "Value": "orders"}]},
            "Period": period,
            "Stat": stat,
        },
    }


out = cw.get_metric_data(
    MetricDataQueries=[q("sent", "NumberOfMessagesSent", "Sum"),
                       q("vis", "ApproximateNumberOfMessagesVisible", "Maximum")],
    StartTime=t0, EndTime=t0 + datetime.timedelta(minutes=4), ScanBy="TimestampAscending",
)
series = {
    r["Id"]: [[int((ts - t0).total_seconds() // 60), v] for ts, v in zip(r["Timestamps"], r["Values"])]
    for r in out["MetricDataResults"]
}
statuses = {r["Id"]: r["StatusCode"] for r in out["MetricDataResults"]}

errors = {}
for name, query in [("period61", q("a", "NumberOfMessagesSent", "Sum", 61)),
                    ("statp99", q("a", "NumberOfMessagesSent", "p99"))]:
    try:
        cw.get_metric_data(MetricDataQueries=[query], StartTime=t0, EndTime=t0 + datetime.timedelta(hours=1))
        errors[name] = "no error"
    except ClientError as e:
        errors[name] = e.response["Error"]["Code"]

metrics = cw.list_metrics(Namespace="AWS/SQS", MetricName="NumberOfMessagesSent")["Metrics"]
print(json.dumps({
    "botocore_protocol": cw.meta.service_model.resolved_protocol,
    "series": series,
    "statuses": statuses,
    "errors": errors,
    "listed": sorted(d["Value"] for m in metrics for d in m["Dimensions"]),
}, sort_keys=True))

"""Smoke test of `sqscope server` with boto3, a client nobody on this project wrote.

Usage: python3 boto3_smoke.py ENDPOINT
Creates a queue with a DLQ, sends messages with attributes, fails them into
the DLQ by receiving past maxReceiveCount, and reads them back. Exits non-zero
with a message on the first mismatch.
"""
import json
import sys
import uuid

import boto3
from botocore.config import Config


def main(endpoint):
    sqs = boto3.client(
        "sqs",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )
    suffix = uuid.uuid4().hex[:8]
    dlq_url = sqs.create_queue(QueueName="smoke-dlq-" + suffix)["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    src_url = sqs.create_queue(
        QueueName="smoke-src-" + suffix,
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})},
    )["QueueUrl"]
    src_arn = sqs.get_queue_attributes(QueueUrl=src_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    sent = {}
    for i in range(3):
        body = json.dumps({"order_id": "ORD-%d" % i, "total": 10 + i})
        r = sqs.send_message(
            QueueUrl=src_url,
            MessageBody=body,
            MessageAttributes={
                "event_type": {"DataType": "String", "StringValue": "order.created"},
                "attempt": {"DataType": "Number", "StringValue": str(i)},
                "trace": {"DataType": "Binary", "BinaryValue": bytes([0, 1, 2, i])},
            },
        )
        sent[r["MessageId"]] = body

    # Receive each message maxReceiveCount times without deleting it; the next
    # receive moves it to the DLQ instead of returning it.
    for _ in range(2):
        got = receive_all(sqs, src_url, len(sent))
        check(set(m["Body"] for m in got) == set(sent.values()), "source did not return every message")
        sqs.change_message_visibility_batch(
            QueueUrl=src_url,
            Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0} for n, m in enumerate(got)],
        )
    leftover = sqs.receive_message(QueueUrl=src_url, MaxNumberOfMessages=10).get("Messages", [])
    check(leftover == [], "source still returns %d messages past maxReceiveCount" % len(leftover))

    dead = receive_all(sqs, dlq_url, len(sent))
    check(sorted(m["Body"] for m in dead) == sorted(sent.values()), "DLQ bodies differ from what was sent")
    for m in dead:
        attrs = m["MessageAttributes"]
        check(attrs["event_type"]["StringValue"] == "order.created", "String attribute lost")
        check(attrs["trace"]["DataType"] == "Binary" and len(attrs["trace"]["BinaryValue"]) == 4, "Binary attribute lost")
        check(m["Attributes"].get("DeadLetterQueueSourceArn") == src_arn, "DeadLetterQueueSourceArn missing")
    sources = sqs.list_dead_letter_source_queues(QueueUrl=dlq_url)["queueUrls"]
    check(sources == [src_url], "ListDeadLetterSourceQueues: %r" % sources)
    print("boto3 smoke: ok (%d messages dead-lettered and read back)" % len(dead))


def receive_all(sqs, url, want):
    got = {}
    for _ in range(10):
        r = sqs.receive_message(
            QueueUrl=url,
            MaxNumberOfMessages=10,
            MessageAttributeNames=["All"],
            MessageSystemAttributeNames=["All"],
            VisibilityTimeout=30,
        )
        for m in r.get("Messages", []):
            got[m["MessageId"]] = m
        if len(got) >= want:
            break
    check(len(got) == want, "received %d of %d messages" % (len(got), want))
    return list(got.values())


def check(ok, what):
    if not ok:
        print("boto3 smoke: FAIL: " + what, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1])

package main

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// `sqscope server --demo` answers CloudWatch on its SQS address, with the
// demo's day of history: orders-dlq empty a day ago, full now.
func TestServerDemoAnswersCloudWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the binary")
	}
	endpoint, _, _ := startServer(t, "--demo", "--seed", "1")
	cw := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: aws.AnonymousCredentials{}})
	now := time.Now()
	out, err := cw.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(now.Add(-24 * time.Hour)), EndTime: aws.Time(now.Add(time.Minute)),
		ScanBy: cwtypes.ScanByTimestampAscending,
		MetricDataQueries: []cwtypes.MetricDataQuery{{Id: aws.String("dlq"), MetricStat: &cwtypes.MetricStat{
			Metric: &cwtypes.Metric{Namespace: aws.String("AWS/SQS"), MetricName: aws.String("ApproximateNumberOfMessagesVisible"),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("QueueName"), Value: aws.String("orders-dlq")}}},
			Period: aws.Int32(3600), Stat: aws.String("Maximum")}}},
	})
	if err != nil {
		t.Fatalf("GetMetricData: %v", err)
	}
	v := out.MetricDataResults[0].Values
	if len(v) < 24 || v[0] != 0 || v[len(v)-1] == 0 {
		t.Errorf("orders-dlq by hour over the last day = %v, want a day that starts empty and ends with failed orders", v)
	}
}

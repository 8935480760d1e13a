package localsqs_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

func TestListMetricsPagesAndFilters(t *testing.T) {
	e := newCWEnv(t, nil)
	for i := range 70 {
		e.queue(t, fmt.Sprintf("q%02d", i))
	}
	list := func(in *cloudwatch.ListMetricsInput) (n, pages int, first cwtypes.Metric) {
		for p := cloudwatch.NewListMetricsPaginator(e.cw, in); p.HasMorePages(); pages++ {
			out, err := p.NextPage(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 && len(out.Metrics) > 0 {
				first = out.Metrics[0]
			}
			n += len(out.Metrics)
		}
		return n, pages, first
	}
	// 70 queues × 8 metrics, 500 a page.
	if n, pages, first := list(&cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/SQS")}); n != 560 || pages != 2 ||
		*first.MetricName != "ApproximateAgeOfOldestMessage" || *first.Dimensions[0].Name != "QueueName" || *first.Dimensions[0].Value != "q00" {
		t.Errorf("all: %d metrics in %d pages, first %v; want 560 in 2, starting with q00's age", n, pages, first)
	}
	if n, _, _ := list(&cloudwatch.ListMetricsInput{MetricName: aws.String("NumberOfMessagesSent")}); n != 70 {
		t.Errorf("by name: %d, want 70", n)
	}
	byQueue := &cloudwatch.ListMetricsInput{Dimensions: []cwtypes.DimensionFilter{{Name: aws.String("QueueName"), Value: aws.String("q07")}}}
	if n, _, _ := list(byQueue); n != 8 {
		t.Errorf("by queue: %d, want 8", n)
	}
	if n, _, _ := list(&cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/Lambda")}); n != 0 {
		t.Errorf("another namespace: %d, want 0", n)
	}
}

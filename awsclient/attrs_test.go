package awsclient

import (
	"testing"
	"time"

	"github.com/sqscope/sqscope/model"
)

func TestQueueFromAttrs(t *testing.T) {
	const url = "https://sqs.us-east-1.amazonaws.com/123456789012/"
	fetched := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	full := map[string]string{
		"QueueArn":                              "arn:aws:sqs:us-east-1:123456789012:orders",
		"ApproximateNumberOfMessages":           "1200",
		"ApproximateNumberOfMessagesNotVisible": "35",
		"ApproximateNumberOfMessagesDelayed":    "2",
		"VisibilityTimeout":                     "30",
		"MessageRetentionPeriod":                "345600",
		"DelaySeconds":                          "5",
		"CreatedTimestamp":                      "1764201600",
		"RedrivePolicy":                         `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:orders-dlq","maxReceiveCount":3}`,
	}
	tests := []struct {
		name       string
		queue      string
		attrs      map[string]string
		check      func(t *testing.T, q model.Queue)
		wantErr    bool
		wantRedErr bool
	}{
		{name: "full", queue: "orders", attrs: full, check: func(t *testing.T, q model.Queue) {
			want := model.QueueStats{Visible: 1200, InFlight: 35, Delayed: 2}
			if q.Stats != want || q.ARN != full["QueueArn"] || q.Type != model.Standard {
				t.Errorf("stats %+v arn %s type %v", q.Stats, q.ARN, q.Type)
			}
			if q.VisibilityTimeout != 30*time.Second || q.RetentionPeriod != 96*time.Hour || q.DelaySeconds != 5*time.Second {
				t.Errorf("durations %v %v %v", q.VisibilityTimeout, q.RetentionPeriod, q.DelaySeconds)
			}
			if !q.CreatedAt.Equal(time.Unix(1764201600, 0)) || !q.FetchedAt.Equal(fetched) {
				t.Errorf("created %v fetched %v", q.CreatedAt, q.FetchedAt)
			}
			if q.Redrive == nil || q.Redrive.MaxReceiveCount != 3 || model.NameFromARN(q.Redrive.DeadLetterTargetARN) != "orders-dlq" {
				t.Errorf("redrive %+v", q.Redrive)
			}
			if q.Name != "orders" || q.URL != url+"orders" || len(q.Attrs) != len(full) {
				t.Errorf("name %s url %s attrs %d", q.Name, q.URL, len(q.Attrs))
			}
		}},
		{name: "fifo by attribute", queue: "pay.fifo", attrs: map[string]string{"FifoQueue": "true"}, check: func(t *testing.T, q model.Queue) {
			if q.Type != model.FIFO {
				t.Errorf("type %v", q.Type)
			}
		}},
		{name: "fifo by name when attribute missing", queue: "pay.fifo", attrs: map[string]string{}, check: func(t *testing.T, q model.Queue) {
			if q.Type != model.FIFO {
				t.Errorf("type %v", q.Type)
			}
		}},
		{name: "missing attributes read as zero", queue: "bare", attrs: map[string]string{}, check: func(t *testing.T, q model.Queue) {
			if q.Stats != (model.QueueStats{}) || !q.CreatedAt.IsZero() || q.Redrive != nil {
				t.Errorf("%+v", q)
			}
		}},
		{name: "fractional timestamp (moto)", queue: "m", attrs: map[string]string{"CreatedTimestamp": "1795774449.5"}, check: func(t *testing.T, q model.Queue) {
			if want := time.Unix(1795774449, 5e8); !q.CreatedAt.Equal(want) {
				t.Errorf("created %v, want %v", q.CreatedAt, want)
			}
		}},
		{name: "malformed count marks the row", queue: "odd", attrs: map[string]string{"ApproximateNumberOfMessages": "lots"}, wantErr: true},
		{name: "malformed setting does not", queue: "odd", attrs: map[string]string{"VisibilityTimeout": "soon", "ApproximateNumberOfMessages": "7"},
			check: func(t *testing.T, q model.Queue) {
				if q.VisibilityTimeout != 0 || q.Stats.Visible != 7 {
					t.Errorf("%+v", q)
				}
			}},
		{name: "malformed redrive keeps counts", queue: "orders", wantRedErr: true,
			attrs: map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":""}`, "ApproximateNumberOfMessages": "9"},
			check: func(t *testing.T, q model.Queue) {
				if q.Redrive != nil || q.Stats.Visible != 9 {
					t.Errorf("%+v", q)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := queueFromAttrs(url+tt.queue, tt.attrs, fetched)
			if (q.Err != nil) != tt.wantErr {
				t.Errorf("Err = %v, wantErr %v", q.Err, tt.wantErr)
			}
			if (q.RedriveErr != nil) != tt.wantRedErr {
				t.Errorf("RedriveErr = %v, want %v", q.RedriveErr, tt.wantRedErr)
			}
			if tt.check != nil {
				tt.check(t, q)
			}
		})
	}
}

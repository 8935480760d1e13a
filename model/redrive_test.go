package model

import (
	"reflect"
	"testing"
)

func TestParseRedrivePolicy(t *testing.T) {
	const dlq = "arn:aws:sqs:us-east-1:123456789012:orders-dlq"
	tests := []struct {
		name    string
		raw     string
		want    *RedrivePolicy
		wantErr bool
	}{
		{name: "empty", raw: "", want: nil},
		{name: "blank", raw: "  \n", want: nil},
		{name: "number", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":3}`,
			want: &RedrivePolicy{DeadLetterTargetARN: dlq, MaxReceiveCount: 3}},
		{name: "string count", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":"5"}`,
			want: &RedrivePolicy{DeadLetterTargetARN: dlq, MaxReceiveCount: 5}},
		{name: "key order and spaces", raw: ` { "maxReceiveCount": 1000, "deadLetterTargetArn": "` + dlq + `" } `,
			want: &RedrivePolicy{DeadLetterTargetARN: dlq, MaxReceiveCount: 1000}},
		{name: "not json", raw: `deadLetterTargetArn=x`, wantErr: true},
		{name: "truncated", raw: `{"deadLetterTargetArn":"` + dlq, wantErr: true},
		{name: "no target", raw: `{"maxReceiveCount":3}`, wantErr: true},
		{name: "no count", raw: `{"deadLetterTargetArn":"` + dlq + `"}`, wantErr: true},
		{name: "zero count", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":0}`, wantErr: true},
		{name: "negative count", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":-1}`, wantErr: true},
		{name: "fractional count", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":2.5}`, wantErr: true},
		{name: "word count", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":"three"}`, wantErr: true},
		{name: "null count", raw: `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":null}`, wantErr: true},
		{name: "array", raw: `[1,2]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRedrivePolicy(tt.raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNameFromARN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arn:aws:sqs:us-east-1:123456789012:orders", "orders"},
		{"arn:aws-cn:sqs:cn-north-1:123456789012:payments.fifo", "payments.fifo"},
		{"orders", "orders"},
		{"", ""},
		{"arn:aws:sqs:us-east-1:123456789012:", ""},
	}
	for _, tt := range tests {
		if got := NameFromARN(tt.in); got != tt.want {
			t.Errorf("NameFromARN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://sqs.us-east-1.amazonaws.com/123456789012/orders", "orders"},
		{"http://127.0.0.1:9324/000000000000/payments.fifo", "payments.fifo"},
		{"http://localhost:4566/000000000000/orders/", "orders"},
		{"orders", "orders"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NameFromURL(tt.in); got != tt.want {
			t.Errorf("NameFromURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package awsclient

import (
	"errors"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/model"
)

// Every caller of StartRedrive acts on its answer the same way; above all,
// a lost answer never becomes a client-side move.
func TestJudgeStart(t *testing.T) {
	missing := &smithy.GenericAPIError{Code: "UnknownOperationException", Message: "no"}
	tests := []struct {
		name string
		err  error
		want StartVerdict
	}{
		{"started", nil, StartFollow},
		{"already running", &TaskActiveError{Task: model.MoveTask{Status: model.TaskRunning}}, StartAdopt},
		{"lost, unchecked", &StartUnknownError{Err: errors.New("EOF")}, StartSearch},
		{"lost, checked", &StartUnknownError{Err: errors.New("EOF"), Checked: true}, StartRetry},
		{"lost answer of a missing API stays a search", &StartUnknownError{Err: missing}, StartSearch},
		{"no move API", missing, StartFallBack},
		{"refused", &smithy.GenericAPIError{Code: "AccessDenied", Message: "no"}, StartFailed},
	}
	for _, tt := range tests {
		if got := JudgeStart(tt.err); got != tt.want {
			t.Errorf("%s: JudgeStart = %d, want %d", tt.name, got, tt.want)
		}
	}
}

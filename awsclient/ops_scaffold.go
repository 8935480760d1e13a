package awsclient

// SCAFFOLD: the ops-adapter branch replaces this file with the real
// Operator over the SDK. It must not reach a commit that is pushed.

import (
	"context"
	"errors"

	"github.com/sqscope/sqscope/model"
)

var errScaffold = errors.New("operations are not built yet")

func (s *SQS) Send(context.Context, string, []model.Outgoing) (SendReport, error) {
	return SendReport{}, errScaffold
}
func (s *SQS) DeleteMessages(context.Context, string, []model.Message) (DeleteReport, error) {
	return DeleteReport{}, errScaffold
}
func (s *SQS) Purge(context.Context, string) error { return errScaffold }
func (s *SQS) CreateQueue(context.Context, CreateSpec) (CreateReport, error) {
	return CreateReport{}, errScaffold
}
func (s *SQS) SetAttributes(context.Context, string, map[string]string, map[string]string) error {
	return errScaffold
}
func (s *SQS) DeleteQueue(context.Context, string) error { return errScaffold }

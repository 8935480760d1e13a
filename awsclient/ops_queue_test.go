package awsclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

func TestDeleteMessagesRemovesExactlyTheGiven(t *testing.T) {
	forEachBackend(t, "delete", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		msgs := richOutgoing(30, "del")
		if _, err := opsClient(ep, nil).Send(context.Background(), url, msgs); err != nil {
			t.Fatal(err)
		}
		held := takeAll(t, admin, url, 30)
		if len(held) != 30 {
			t.Fatalf("received %d of 30", len(held))
		}
		chosen := []model.Message{held[1], held[4], held[7], held[8], held[20], held[29], held[4]} // one twice
		log := &memAudit{}
		rep, err := opsClient(ep, log).DeleteMessages(context.Background(), url, chosen)
		if err != nil || len(rep.Deleted) != 6 || len(rep.Failed)+len(rep.Unknown) != 0 {
			t.Fatalf("DeleteMessages: %+v, %v; want the 6 deleted", rep, err)
		}
		release(t, admin, url, held)
		gone := map[string]bool{}
		for _, m := range chosen {
			gone[m.ID] = true
		}
		left := takeAll(t, admin, url, 30)
		if len(left) != 24 {
			t.Errorf("%d messages left, want 24", len(left))
		}
		for _, m := range left {
			if gone[m.ID] {
				t.Errorf("deleted message %s is still there", m.ID)
			}
		}
		e := log.only(t, "delete")
		if e.Count != 6 || len(e.MessageIDs) != 6 || len(e.Messages) != 6 || e.Outcome != "ok" {
			t.Fatalf("audit line: %+v", e)
		}
		for _, r := range e.Messages {
			if !gone[r.MessageID] || r.Queue != url || len(r.MessageAttributes) != 4 || r.MessageAttributes["blob"].BinaryValue == nil {
				t.Errorf("kept record %+v: want a deleted message in full, binary attribute included", r)
			}
		}
	})
}

func TestPurgeEmptiesAndSaysWhenOneRanAlready(t *testing.T) {
	forEachBackend(t, "purge", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendN(t, admin, url, 7)
		log := &memAudit{}
		c := opsClient(ep, log)
		if err := c.Purge(context.Background(), url); err != nil {
			t.Fatalf("Purge: %v", err)
		}
		if v, hidden := counts(t, admin, url); v+hidden != 0 {
			t.Errorf("%d messages after the purge", v+hidden)
		}
		if e := log.only(t, "purge"); e.Count != 7 || e.Outcome != "ok" || !strings.HasPrefix(e.Details["depth"], "7 visible") {
			t.Errorf("audit line %+v: want the depth before, 7", e)
		}
		t.Run("again within 60 s", func(t *testing.T) {
			if why, lacks := map[string]string{"moto": "moto lets a second PurgeQueue through (the conformance suite's featPurgeLimit)"}[b.name]; lacks {
				t.Skip(why)
			}
			err := c.Purge(context.Background(), url)
			var typed *types.PurgeQueueInProgress
			if !errors.Is(err, ErrPurgeInProgress) || !errors.As(err, &typed) || !strings.Contains(err.Error(), "SQS:") {
				t.Errorf("second purge: %v (%T), want ErrPurgeInProgress with SQS's own error and text", err, err)
			}
			if d := Describe(err); !strings.HasPrefix(d, ErrPurgeInProgress.Error()) {
				t.Errorf("Describe = %q, want it to lead with %q", d, ErrPurgeInProgress.Error())
			}
			if es := log.all(); len(es) != 2 || es[1].Outcome != "failed" {
				t.Errorf("audit lines %+v: want the refused purge as failed", es)
			}
		})
	})
}

// A purge whose answer was lost is retried by the SDK, and SQS answers
// the retry PurgeQueueInProgress: that is this purge, done.
func TestPurgeWhoseAnswerWasLostIsDone(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin := adminClient(serve(t, b.handler))
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	sendN(t, admin, url, 3)
	h := newFaultHarness(b.handler, onCalls("PurgeQueue", faultDropAfter, 0))
	log := &memAudit{}
	if err := opsClient(serve(t, h), log).Purge(context.Background(), url); err != nil {
		t.Fatalf("Purge: %v", err)
	}
	if h.calls("PurgeQueue") != 2 {
		t.Fatalf("%d PurgeQueue requests, want 2 (the lost one and the SDK's retry)", h.calls("PurgeQueue"))
	}
	if e := log.only(t, "purge"); e.Outcome != "ok" || e.Details["note"] == "" {
		t.Errorf("audit line %+v: want ok, with how it was known", e)
	}
}

func TestCreateQueueWithItsDLQAsTheGuideDoes(t *testing.T) {
	forEachBackend(t, "create", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		for _, fifo := range []bool{false, true} {
			t.Run(map[bool]string{false: "standard", true: "fifo"}[fifo], func(t *testing.T) {
				name := uniquePrefix(t) + "app"
				if fifo {
					name += ".fifo"
				}
				log := &memAudit{}
				rep, err := opsClient(ep, log).CreateQueue(context.Background(), CreateSpec{Name: name, FIFO: fifo,
					Attributes: map[string]string{"VisibilityTimeout": "60"}, DLQ: &CreateDLQ{}, MaxReceiveCount: 3})
				if err != nil || len(rep.Created) != 2 || rep.Step != "" {
					t.Fatalf("CreateQueue: %+v, %v", rep, err)
				}
				dlqURL, srcURL := rep.Created[0], rep.Created[1]
				wantDLQ := strings.TrimSuffix(name, ".fifo") + "-dlq"
				if fifo {
					wantDLQ += ".fifo"
				}
				if model.NameFromURL(dlqURL) != wantDLQ || model.NameFromURL(srcURL) != name {
					t.Errorf("created %v, want %s then %s", rep.Created, wantDLQ, name)
				}
				dlq := queueAttrs(t, admin, dlqURL, "All")
				src := queueAttrs(t, admin, srcURL, "All")
				if dlq["MessageRetentionPeriod"] != "1209600" || src["VisibilityTimeout"] != "60" {
					t.Errorf("DLQ retention %s, source visibility %s; want 1209600 and 60", dlq["MessageRetentionPeriod"], src["VisibilityTimeout"])
				}
				if fifo && (dlq["FifoQueue"] != "true" || src["FifoQueue"] != "true") {
					t.Errorf("FifoQueue: DLQ %q, source %q; want both true", dlq["FifoQueue"], src["FifoQueue"])
				}
				var rp struct {
					DeadLetterTargetArn string          `json:"deadLetterTargetArn"`
					MaxReceiveCount     json.RawMessage `json:"maxReceiveCount"`
				}
				if err := json.Unmarshal([]byte(src["RedrivePolicy"]), &rp); err != nil || rp.DeadLetterTargetArn != dlq["QueueArn"] ||
					strings.Trim(string(rp.MaxReceiveCount), `"`) != "3" {
					t.Errorf("source RedrivePolicy = %q, want the DLQ's ARN and 3", src["RedrivePolicy"])
				}
				t.Run("redrive allow policy", func(t *testing.T) {
					if b.name == "moto" {
						t.Skip("moto keeps no RedriveAllowPolicy (the conformance suite's featRedriveAllow)")
					}
					want := RedriveAllowPolicyJSON(src["QueueArn"])
					if dlq["RedriveAllowPolicy"] != want {
						t.Errorf("DLQ RedriveAllowPolicy = %q, want %s", dlq["RedriveAllowPolicy"], want)
					}
				})
				if e := log.only(t, "create-queue"); e.Outcome != "ok" || e.Queue != name || e.Account == "" || e.Details["created"] != dlqURL+" "+srcURL {
					t.Errorf("audit line %+v", e)
				}
			})
		}
	})
}

// A step that fails leaves a report of what was created and which step
// failed, and the audit line says the same.
func TestCreateQueueSaysWhatWasCreatedWhenAStepFails(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	name := uniquePrefix(t) + "app"
	createQueue(t, admin, name, nil) // the source exists already
	log := &memAudit{}
	rep, err := opsClient(ep, log).CreateQueue(context.Background(), CreateSpec{Name: name, DLQ: &CreateDLQ{}, MaxReceiveCount: 5})
	var exists *QueueExistsError
	if !errors.As(err, &exists) || rep.Step != StepCreateQueue || len(rep.Created) != 1 || model.NameFromURL(rep.Created[0]) != name+"-dlq" {
		t.Fatalf("CreateQueue over an existing queue: %+v, %v; want the DLQ created, step %q failed with QueueExistsError", rep, err, StepCreateQueue)
	}
	if e := log.only(t, "create-queue"); e.Outcome != "partial" || e.Details["step"] != StepCreateQueue {
		t.Errorf("audit line %+v", e)
	}

	// Refused by SQS at the last step: both queues exist.
	deny := newFaultProxy(b.handler, func(w http.ResponseWriter, op, _ string) bool {
		if op != "SetQueueAttributes" {
			return false
		}
		writeAWSError(w, http.StatusForbidden, "com.amazonaws.sqs#AccessDenied", "AccessDenied", "not allowed")
		return true
	})
	name2 := uniquePrefix(t) + "app2"
	rep, err = opsClient(serve(t, deny), nil).CreateQueue(context.Background(), CreateSpec{Name: name2, DLQ: &CreateDLQ{Name: "x-" + name2}, MaxReceiveCount: 5})
	if err == nil || rep.Step != StepAllowPolicy || len(rep.Created) != 2 {
		t.Errorf("CreateQueue with the allow policy refused: %+v, %v", rep, err)
	}
	if _, err := opsClient(ep, nil).CreateQueue(context.Background(), CreateSpec{Name: "bad.fifo", DLQ: &CreateDLQ{}, MaxReceiveCount: 5}); err == nil {
		t.Error("a standard queue named .fifo was not refused")
	}
}

func TestSetAttributesAppliesAndRemovesTheRedrivePolicy(t *testing.T) {
	forEachBackend(t, "set-attributes", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		dlq := createQueue(t, admin, p+"dlq", nil)
		url := createQueue(t, admin, p+"q", nil)
		log := &memAudit{}
		c := opsClient(ep, log)
		policy := RedrivePolicyJSON(queueARN(t, admin, dlq), 4)
		if err := c.SetAttributes(context.Background(), url, map[string]string{"VisibilityTimeout": "30"},
			map[string]string{"VisibilityTimeout": "45", "RedrivePolicy": policy}); err != nil {
			t.Fatalf("SetAttributes: %v", err)
		}
		got := queueAttrs(t, admin, url, "VisibilityTimeout", "RedrivePolicy")
		if got["VisibilityTimeout"] != "45" || !strings.Contains(got["RedrivePolicy"], queueARN(t, admin, dlq)) {
			t.Errorf("after set: %v", got)
		}
		if err := c.SetAttributes(context.Background(), url, map[string]string{"RedrivePolicy": policy}, map[string]string{"RedrivePolicy": ""}); err != nil {
			t.Fatalf("SetAttributes removing the redrive policy: %v", err)
		}
		if got := queueAttrs(t, admin, url, "RedrivePolicy"); got["RedrivePolicy"] != "" {
			t.Errorf("RedrivePolicy after removal = %q", got["RedrivePolicy"])
		}
		es := log.all()
		if len(es) != 2 || es[0].Details["old.VisibilityTimeout"] != "30" || es[0].Details["new.VisibilityTimeout"] != "45" ||
			es[1].Details["old.RedrivePolicy"] != policy || es[1].Details["new.RedrivePolicy"] != "" || es[1].Outcome != "ok" {
			t.Errorf("audit lines %+v", es)
		}
	})
}

func TestDeleteQueueDeletes(t *testing.T) {
	forEachBackend(t, "delete-queue", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		name := uniquePrefix(t) + "q"
		url := createQueue(t, admin, name, nil)
		sendN(t, admin, url, 2)
		log := &memAudit{}
		if err := opsClient(ep, log).DeleteQueue(context.Background(), url); err != nil {
			t.Fatalf("DeleteQueue: %v", err)
		}
		_, err := admin.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		if !queueGone(err) {
			t.Errorf("GetQueueUrl after the delete: %v, want QueueDoesNotExist", err)
		}
		if e := log.only(t, "delete-queue"); e.Outcome != "ok" || e.Count != 2 {
			t.Errorf("audit line %+v: want ok with the 2 messages it held", e)
		}
	})
}

// An audit line that cannot be written is said, with the change's own
// outcome: a deleted message's content would be kept nowhere.
func TestAuditFailureIsReported(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	sendN(t, admin, url, 1)
	held := takeAll(t, admin, url, 1)
	disk := errors.New("disk full")
	c := opsClient(ep, &memAudit{fail: disk})
	rep, err := c.DeleteMessages(context.Background(), url, held)
	if err != nil || !errors.Is(rep.AuditErr, disk) || len(rep.Deleted) != 1 {
		t.Errorf("DeleteMessages with a failing audit log: %+v, %v; want deleted, no error, the failure in AuditErr", rep, err)
	}
	err = c.Purge(context.Background(), url)
	var ae *AuditError
	if !errors.As(err, &ae) || ae.Cause != nil || !errors.Is(err, disk) {
		t.Errorf("Purge with a failing audit log: %v; want an *AuditError without a cause (the purge was made)", err)
	}
}

// Lost answers of the queue changes: the SDK's retry settles each, and
// the report says what happened — the queue deleted (the retry found it
// gone), the queues created once (CreateQueue is idempotent), the
// attributes set.
func TestQueueChangesWhoseAnswerWasLost(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin := adminClient(serve(t, b.handler))
	h := newFaultHarness(b.handler, func(op string, n int) fault {
		switch op {
		case "DeleteQueue", "CreateQueue", "SetQueueAttributes":
			if n == 0 {
				return faultDropAfter
			}
		}
		return faultNone
	})
	log := &memAudit{}
	c := opsClient(serve(t, h), log)
	name := uniquePrefix(t) + "app"
	rep, err := c.CreateQueue(context.Background(), CreateSpec{Name: name, DLQ: &CreateDLQ{}, MaxReceiveCount: 2})
	if err != nil || len(rep.Created) != 2 {
		t.Fatalf("CreateQueue: %+v, %v", rep, err)
	}
	if got := queueAttrs(t, admin, rep.Created[0], "RedriveAllowPolicy")["RedriveAllowPolicy"]; got == "" {
		t.Error("the DLQ has no RedriveAllowPolicy after a lost answer to setting it")
	}
	if err := c.DeleteQueue(context.Background(), rep.Created[1]); err != nil {
		t.Fatalf("DeleteQueue: %v", err)
	}
	if h.calls("DeleteQueue") != 2 || h.calls("CreateQueue") != 3 {
		t.Errorf("requests: %d DeleteQueue, %d CreateQueue; want each lost answer retried once", h.calls("DeleteQueue"), h.calls("CreateQueue"))
	}
	_, err = admin.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if !queueGone(err) {
		t.Errorf("the queue is still there: %v", err)
	}
	es := log.all()
	if len(es) != 2 || es[0].Outcome != "ok" || es[1].Outcome != "ok" || es[1].Details["note"] == "" {
		t.Errorf("audit lines %+v: want both ok, the delete with how it was known", es)
	}
}

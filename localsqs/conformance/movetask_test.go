package conformance

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// latestTask returns the newest move task on a source (AWS lists newest first).
func latestTask(t *testing.T, tg *target, sourceArn string) types.ListMessageMoveTasksResultEntry {
	t.Helper()
	out, err := tg.client.ListMessageMoveTasks(testCtx(t), &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(sourceArn)})
	if err != nil {
		t.Fatalf("ListMessageMoveTasks: %v", err)
	}
	if len(out.Results) == 0 {
		t.Fatalf("ListMessageMoveTasks(%s) lists no task", sourceArn)
	}
	return out.Results[0]
}

// waitTaskStatus polls until the newest task reaches status. The deadline
// only stops a broken server from hanging the run; it asserts no speed.
func waitTaskStatus(t *testing.T, tg *target, sourceArn, status string) types.ListMessageMoveTasksResultEntry {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		task := latestTask(t, tg, sourceArn)
		if aws.ToString(task.Status) == status {
			return task
		}
		if time.Now().After(deadline) {
			t.Fatalf("move task still %s (moved %d), want %s", aws.ToString(task.Status), task.ApproximateNumberOfMessagesMoved, status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// drain receives and deletes everything in a queue, returning the bodies sorted.
func drain(t *testing.T, tg *target, url string) []string {
	t.Helper()
	var got []string
	for empty := 0; empty < 2; {
		msgs := receive(t, tg, url, 10, 30)
		if len(msgs) == 0 {
			empty++
		}
		for _, m := range msgs {
			got = append(got, aws.ToString(m.Body))
			deleteMsg(t, tg, url, m)
		}
	}
	slices.Sort(got)
	return got
}

func TestMoveTaskReturnsMessagesToTheirSources(t *testing.T) {
	forEachTarget(t, []feature{featMoveTasks}, func(t *testing.T, tg *target) {
		dlq := createQueue(t, tg, uniqueName("mt-dlq", false), nil)
		dlqArn := queueArn(t, tg, dlq)
		policy := map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 1)}
		srcA := createQueue(t, tg, uniqueName("mt-a", false), policy)
		srcB := createQueue(t, tg, uniqueName("mt-b", false), policy)
		send(t, tg, srcA, "a1")
		send(t, tg, srcA, "a2")
		send(t, tg, srcB, "b1")
		deadLetter(t, tg, srcA, 1, 2)
		deadLetter(t, tg, srcB, 1, 1)
		if c := queueCounts(t, tg, dlq); c.visible != 3 {
			t.Fatalf("DLQ holds %d messages, want 3", c.visible)
		}

		out, err := tg.client.StartMessageMoveTask(testCtx(t), &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn)})
		if err != nil {
			t.Fatalf("StartMessageMoveTask: %v", err)
		}
		if aws.ToString(out.TaskHandle) == "" {
			t.Errorf("StartMessageMoveTask returned no TaskHandle")
		}
		task := waitTaskStatus(t, tg, dlqArn, "COMPLETED")
		if task.ApproximateNumberOfMessagesMoved != 3 {
			t.Errorf("ApproximateNumberOfMessagesMoved = %d, want 3", task.ApproximateNumberOfMessagesMoved)
		}
		if n := task.ApproximateNumberOfMessagesToMove; n == nil || *n != 3 {
			t.Errorf("ApproximateNumberOfMessagesToMove = %v, want 3", aws.ToInt64(n))
		}
		if aws.ToString(task.SourceArn) != dlqArn {
			t.Errorf("task SourceArn = %q, want %q", aws.ToString(task.SourceArn), dlqArn)
		}

		if got := drain(t, tg, srcA); !slices.Equal(got, []string{"a1", "a2"}) {
			t.Errorf("source A holds %v, want [a1 a2]", got)
		}
		if got := drain(t, tg, srcB); !slices.Equal(got, []string{"b1"}) {
			t.Errorf("source B holds %v, want [b1]", got)
		}
		if c := queueCounts(t, tg, dlq); c != (counts{}) {
			t.Errorf("DLQ counts after the move = %+v, want zero", c)
		}
	})
}

func TestMoveTaskCancelAndOnePerSource(t *testing.T) {
	forEachTarget(t, []feature{featMoveTasks}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		const n = 8
		dlq := createQueue(t, tg, uniqueName("mtc-dlq", false), nil)
		dlqArn := queueArn(t, tg, dlq)
		src := createQueue(t, tg, uniqueName("mtc-src", false), map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 1)})
		dest := createQueue(t, tg, uniqueName("mtc-dest", false), nil)
		for i := range n {
			send(t, tg, src, fmt.Sprintf("m%d", i))
		}
		deadLetter(t, tg, src, 1, n)

		// One message a second keeps the task running long enough to be
		// cancelled mid-way.
		out, err := tg.client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{
			SourceArn:                    aws.String(dlqArn),
			DestinationArn:               aws.String(queueArn(t, tg, dest)),
			MaxNumberOfMessagesPerSecond: aws.Int32(1),
		})
		if err != nil {
			t.Fatalf("StartMessageMoveTask: %v", err)
		}
		if _, err := tg.client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn)}); err == nil {
			t.Errorf("a second task on a source with a running task was accepted; AWS allows one active task per queue")
		}
		if task := latestTask(t, tg, dlqArn); aws.ToString(task.Status) != "RUNNING" || aws.ToInt32(task.MaxNumberOfMessagesPerSecond) != 1 {
			t.Errorf("task = {Status %s, rate %d}, want RUNNING at 1/s", aws.ToString(task.Status), aws.ToInt32(task.MaxNumberOfMessagesPerSecond))
		}

		if _, err := tg.client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: out.TaskHandle}); err != nil {
			t.Fatalf("CancelMessageMoveTask: %v", err)
		}
		task := waitTaskStatus(t, tg, dlqArn, "CANCELLED")
		moved := int(task.ApproximateNumberOfMessagesMoved)
		if moved >= n {
			t.Errorf("cancelled task moved %d of %d messages; the rate limit should have left some", moved, n)
		}
		if _, err := tg.client.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: out.TaskHandle}); err == nil {
			t.Errorf("cancelling a CANCELLED task succeeded; AWS cancels only RUNNING tasks")
		}

		// Nothing lost: whatever was not moved is still in the DLQ.
		inDest, inDLQ := drain(t, tg, dest), drain(t, tg, dlq)
		if len(inDest) != moved || len(inDest)+len(inDLQ) != n {
			t.Errorf("destination holds %d, DLQ %d, task says moved %d; want moved in destination and %d in all", len(inDest), len(inDLQ), moved, n)
		}
	})
}

func TestMoveTaskRequiresADeadLetterQueue(t *testing.T) {
	forEachTarget(t, []feature{featMoveTasks}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		plain := createQueue(t, tg, uniqueName("mt-plain", false), nil)
		plainArn := queueArn(t, tg, plain)
		send(t, tg, plain, "not dead-lettered")

		list, err := tg.client.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(plainArn)})
		if err != nil {
			t.Fatalf("ListMessageMoveTasks on a queue without tasks: %v", err)
		}
		if len(list.Results) != 0 {
			t.Errorf("ListMessageMoveTasks on a queue without tasks = %d results, want none", len(list.Results))
		}
		// AWS moves messages only out of queues that are some queue's DLQ.
		if _, err := tg.client.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(plainArn)}); apiCode(err) == "" {
			t.Errorf("StartMessageMoveTask from a queue that is no DLQ: err = %v, want an API error", err)
		}
	})
}

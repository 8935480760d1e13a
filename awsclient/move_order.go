package awsclient

import (
	"fmt"
	"strings"

	"github.com/sqscope/sqscope/model"
)

// FIFO order during a client-side move. Within a group, SQS keeps the
// order in which it accepts messages; a move must not let a later message
// of a group in ahead of an earlier one. Across batches that is prevented
// (a group whose message fails sends nothing more); inside one batch it
// can only be detected, and is reported.

// GroupHeldError is the fate of a FIFO message not sent because an
// earlier message of its group could not be: sending it would have put it
// ahead of that one. It stays in the DLQ.
type GroupHeldError struct {
	Group, Queue string
}

func (e *GroupHeldError) Error() string {
	return fmt.Sprintf("held in the DLQ to keep FIFO group %q in order: an earlier message of the group could not be sent to %s", e.Group, e.Queue)
}

// outOfOrder counts the FIFO messages of one batch that the destination
// accepted before an earlier message of their group: the earlier one
// failed an attempt and was retried after them, or was never accepted.
// SQS takes a batch's entries one by one, so this cannot be prevented
// short of one message per group per request; it is reported instead.
func outOfOrder(batch []*outgoing, okAt []int) (n int, groups []string) {
	seen := map[string]bool{}
	for j, o := range batch {
		if okAt[j] == 0 {
			continue
		}
		for i := range j {
			if batch[i].msg.GroupID == o.msg.GroupID && (okAt[i] == 0 || okAt[i] > okAt[j]) {
				n++
				if !seen[o.msg.GroupID] {
					seen[o.msg.GroupID] = true
					groups = append(groups, o.msg.GroupID)
				}
				break
			}
		}
	}
	return n, groups
}

// reorderedIn records FIFO messages accepted ahead of an earlier message
// of their group.
func (m *moveRun) reorderedIn(url string, n int, groups []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rep.OutOfOrder += n
	m.addErrLocked(&ReorderError{Queue: model.NameFromURL(url), Groups: groups})
}

// ReorderError says which FIFO groups lost their order in a destination.
type ReorderError struct {
	Queue  string
	Groups []string
}

func (e *ReorderError) Error() string {
	return fmt.Sprintf("FIFO order broken in %s, group(s) %s: a batch entry failed and later messages of its group got in ahead of it",
		e.Queue, strings.Join(e.Groups, ", "))
}

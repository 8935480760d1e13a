package queueform

import (
	"fmt"
	"strings"

	"github.com/sqscope/sqscope/model"
)

const fifoSuffix = ".fifo"

// errTaken is checkName's word for a name the account has.
const errTaken = "a queue of this name exists"

// queueName is the name a queue gets from what was typed: a FIFO queue's
// ends in .fifo, added when it was left out, so the user never has to
// remember SQS's rule.
func queueName(typed string, fifo bool) string {
	typed = strings.TrimSpace(typed)
	if fifo && !strings.HasSuffix(typed, fifoSuffix) {
		return typed + fifoSuffix
	}
	return typed
}

// checkName says what is wrong with a queue name SQS would refuse (1–80
// characters of letters, digits, - and _, a FIFO queue's ending in .fifo
// and only it), or one the account already has: taken reports a name the
// app lists.
func checkName(name string, fifo bool, taken func(string) bool) string {
	base := strings.TrimSuffix(name, fifoSuffix)
	switch {
	case base == "":
		return "needs a name"
	case !fifo && strings.HasSuffix(name, fifoSuffix):
		return "only a FIFO queue's name ends in .fifo"
	case len(name) > 80:
		return fmt.Sprintf("%d characters; at most 80", len(name))
	}
	for _, r := range base {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Sprintf("%q is not allowed (letters, digits, - and _)", r)
		}
	}
	if taken != nil && taken(name) {
		return errTaken
	}
	return ""
}

// dlqName is the DLQ's default name for a queue named name.
func dlqName(name string, fifo bool) string {
	return queueName(strings.TrimSuffix(strings.TrimSpace(name), fifoSuffix)+"-dlq", fifo)
}

// listed reports whether the catalog lists a queue named name.
func listed(cat *model.Catalog, name string) bool {
	for _, q := range cat.Queues {
		if q.Name == name {
			return true
		}
	}
	return false
}

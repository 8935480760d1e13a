package queueform

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/sqscope/sqscope/model"
)

// The redrive allow policy's permissions, in the order the form offers
// them. A queue without the attribute allows every source, as allowAll.
var permissions = []string{"allowAll", "denyAll", "byQueue"}

// allowPolicy is a RedriveAllowPolicy: which source queues may name this
// queue as their DLQ.
type allowPolicy struct {
	Permission string   `json:"redrivePermission"`
	Sources    []string `json:"sourceQueueArns,omitempty"`
}

// parseAllow reads the attribute; empty reads as allowAll, SQS's default.
func parseAllow(raw string) (allowPolicy, error) {
	if strings.TrimSpace(raw) == "" {
		return allowPolicy{Permission: "allowAll"}, nil
	}
	var p allowPolicy
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return allowPolicy{}, fmt.Errorf("redrive allow policy: %w", err)
	}
	if !slices.Contains(permissions, p.Permission) {
		return allowPolicy{}, fmt.Errorf("redrive allow policy: unknown permission %q", p.Permission)
	}
	return p, nil
}

// allows reports whether the policy lets the queue arn use this one as
// its DLQ.
func (p allowPolicy) allows(arn string) bool {
	switch p.Permission {
	case "denyAll":
		return false
	case "byQueue":
		return slices.Contains(p.Sources, arn)
	}
	return true
}

// attr is the policy as SetQueueAttributes takes it.
func (p allowPolicy) attr() string {
	b, _ := json.Marshal(p)
	return string(b)
}

// same reports whether p and o allow the same sources.
func (p allowPolicy) same(o allowPolicy) bool {
	if p.Permission != o.Permission {
		return false
	}
	if p.Permission != "byQueue" {
		return true
	}
	a, b := slices.Clone(p.Sources), slices.Clone(o.Sources)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// describe is the policy in words, sources by name.
func (p allowPolicy) describe(name func(arn string) string) string {
	switch p.Permission {
	case "denyAll":
		return "denyAll (no queue may use it as DLQ)"
	case "byQueue":
		names := make([]string, len(p.Sources))
		for i, a := range p.Sources {
			names[i] = name(a)
		}
		return "byQueue: " + strings.Join(names, ", ")
	}
	return "allowAll"
}

// redriveAttr is a RedrivePolicy as SetQueueAttributes takes it; "" (no
// DLQ) removes the policy.
func redriveAttr(dlqARN string, maxReceives int) string {
	if dlqARN == "" {
		return ""
	}
	b, _ := json.Marshal(struct {
		ARN string `json:"deadLetterTargetArn"`
		Max int    `json:"maxReceiveCount"`
	}{dlqARN, maxReceives})
	return string(b)
}

// describeRedrive is a redrive policy in words.
func describeRedrive(p *model.RedrivePolicy, name func(arn string) string) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprintf("%s after %s", name(p.DeadLetterTargetARN), pluralReceives(p.MaxReceiveCount))
}

func pluralReceives(n int) string {
	if n == 1 {
		return "1 receive"
	}
	return fmt.Sprintf("%d receives", n)
}

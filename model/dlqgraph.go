package model

import "sort"

// DLQGraph links source queues to their dead-letter queues in both
// directions. It is derived from the RedrivePolicy of every listed queue, so
// a DLQ shared by several sources lists all of them.
type DLQGraph struct {
	dlqOf     map[string]string   // source ARN -> DLQ ARN
	sourcesOf map[string][]string // DLQ ARN -> source ARNs, sorted by name
	names     map[string]string   // ARN -> name, for queues we listed
}

// BuildDLQGraph derives the graph from the queues' redrive policies. A policy
// may name a DLQ that is not in the list (another account, or deleted); the
// link is kept and the name taken from the ARN.
func BuildDLQGraph(queues []Queue) DLQGraph {
	g := DLQGraph{
		dlqOf:     map[string]string{},
		sourcesOf: map[string][]string{},
		names:     map[string]string{},
	}
	for _, q := range queues {
		if q.ARN != "" {
			g.names[q.ARN] = q.Name
		}
	}
	for _, q := range queues {
		if q.Redrive == nil || q.ARN == "" {
			continue
		}
		dlq := q.Redrive.DeadLetterTargetARN
		g.dlqOf[q.ARN] = dlq
		g.sourcesOf[dlq] = append(g.sourcesOf[dlq], q.ARN)
	}
	for dlq, srcs := range g.sourcesOf {
		sort.Slice(srcs, func(i, j int) bool { return g.Name(srcs[i]) < g.Name(srcs[j]) })
		g.sourcesOf[dlq] = srcs
	}
	return g
}

// DLQOf returns the ARN of the queue's dead-letter queue, if it has one.
func (g DLQGraph) DLQOf(arn string) (string, bool) {
	d, ok := g.dlqOf[arn]
	return d, ok
}

// SourcesOf returns the ARNs of the queues that dead-letter into arn.
func (g DLQGraph) SourcesOf(arn string) []string { return g.sourcesOf[arn] }

// IsDLQ reports whether some listed queue dead-letters into arn.
func (g DLQGraph) IsDLQ(arn string) bool { return len(g.sourcesOf[arn]) > 0 }

// Name returns the queue name for an ARN.
func (g DLQGraph) Name(arn string) string {
	if n, ok := g.names[arn]; ok {
		return n
	}
	return NameFromARN(arn)
}

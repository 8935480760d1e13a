package localsqs

import (
	"strconv"
	"strings"
)

// attrSelector is the set of system attribute names a receive asked for
// (AttributeNames and MessageSystemAttributeNames together).
type attrSelector struct {
	all   bool
	names map[string]bool
}

func newAttrSelector(names []string) attrSelector {
	sel := attrSelector{names: map[string]bool{}}
	for _, n := range names {
		if n == "All" {
			sel.all = true
		}
		sel.names[n] = true
	}
	return sel
}

func (a attrSelector) wants(name string) bool { return a.all || a.names[name] }

// renderMessage builds the wire form of a message just received. Caller
// holds the queue lock.
func renderMessage(m *message, p receiveParams) messageOutput {
	out := messageOutput{
		MessageId:     m.id,
		ReceiptHandle: m.handle,
		MD5OfBody:     m.md5Body,
		Body:          m.body,
	}
	sys := map[string]string{}
	add := func(name, v string) {
		if v != "" && p.sysAttrs.wants(name) {
			sys[name] = v
		}
	}
	add("SenderId", m.senderID)
	add("SentTimestamp", epochMillis(m.sentAt))
	add("ApproximateReceiveCount", strconv.Itoa(m.receiveCount))
	add("ApproximateFirstReceiveTimestamp", epochMillis(m.firstReceiveAt))
	add("MessageGroupId", m.groupID)
	add("MessageDeduplicationId", m.dedupID)
	add("SequenceNumber", m.seq)
	add("DeadLetterQueueSourceArn", m.dlqSourceARN)
	if tr, ok := m.sysAttrs["AWSTraceHeader"]; ok {
		add("AWSTraceHeader", derefString(tr.StringValue))
	}
	if len(sys) > 0 {
		out.Attributes = sys
	}
	if attrs, whole := selectMessageAttributes(m.attrs, p.msgAttrs); len(attrs) > 0 {
		out.MessageAttributes = attrs
		if whole {
			out.MD5OfMessageAttributes = m.md5Attrs
		} else {
			// SQS digests exactly the attributes it returns.
			out.MD5OfMessageAttributes = md5OfAttributes(attrs)
		}
	}
	return out
}

// selectMessageAttributes applies MessageAttributeNames: "All" or ".*" for
// every attribute, "prefix.*" for those starting with "prefix.", otherwise
// exact names. whole reports that every attribute was selected.
func selectMessageAttributes(attrs map[string]attrValue, names []string) (map[string]attrValue, bool) {
	if len(attrs) == 0 || len(names) == 0 {
		return nil, false
	}
	for _, n := range names {
		if n == "All" || n == ".*" {
			return attrs, true
		}
	}
	out := map[string]attrValue{}
	for name, v := range attrs {
		for _, n := range names {
			if prefix, ok := strings.CutSuffix(n, ".*"); ok && strings.HasPrefix(name, prefix+".") || n == name {
				out[name] = v
				break
			}
		}
	}
	return out, len(out) == len(attrs)
}

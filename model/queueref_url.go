package model

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// parseQueueURL reads a queue URL: SQS's own hosts (sqs.REGION.amazonaws.com
// and its FIPS, China, dual-stack and VPC endpoint forms, and the legacy
// REGION.queue.amazonaws.com), whose path must be /ACCOUNT/NAME, or any
// other host (localsqs, an emulator, a proxy), whose path ends in the name.
func parseQueueURL(s string, u *url.URL) (QueueRef, error) {
	segs := pathSegments(u.Path)
	host := strings.ToLower(u.Hostname())
	if !isAWSHost(host) {
		if len(segs) == 0 || !queueName.MatchString(segs[len(segs)-1]) {
			return QueueRef{}, fmt.Errorf("%q names no queue: its path should end in the queue's name", s)
		}
		ref := QueueRef{Kind: RefURL, Name: segs[len(segs)-1]}
		if len(segs) >= 2 && account.MatchString(segs[len(segs)-2]) {
			ref.Account = segs[len(segs)-2]
		}
		return ref, nil
	}
	region := regionOfHost(host)
	switch {
	case region == "":
		return QueueRef{}, fmt.Errorf("%q: %s is not an SQS endpoint (sqs.REGION.amazonaws.com)", s, host)
	case len(segs) != 2:
		return QueueRef{}, fmt.Errorf("%q is not a queue URL: its path should be /ACCOUNT/NAME", s)
	case !account.MatchString(segs[0]):
		return QueueRef{}, fmt.Errorf("%q: the account %q is not 12 digits", s, segs[0])
	case !queueName.MatchString(segs[1]):
		return QueueRef{}, fmt.Errorf("%q: %q is not a queue name", s, segs[1])
	}
	return QueueRef{Kind: RefURL, Name: segs[1], Region: region, Account: segs[0]}, nil
}

// pathSegments are the non-empty segments of p: a trailing slash, or a
// doubled one, changes nothing.
func pathSegments(p string) []string {
	return slices.DeleteFunc(strings.Split(p, "/"), func(s string) bool { return s == "" })
}

// isAWSHost says host is AWS's: a region in it is the queue's.
func isAWSHost(host string) bool {
	for _, suffix := range []string{".amazonaws.com", ".amazonaws.com.cn", ".api.aws"} {
		if strings.HasSuffix(host, suffix) {
			return true
		}
	}
	return host == "queue.amazonaws.com"
}

// regionOfHost is the region an SQS host names: the label after "sqs" (or
// "sqs-fips"), or before "queue" in the legacy form, whose bare
// queue.amazonaws.com was us-east-1. "" when the host is no SQS endpoint.
func regionOfHost(host string) string {
	if host == "queue.amazonaws.com" {
		return "us-east-1"
	}
	labels := strings.Split(host, ".")
	for i, l := range labels[:len(labels)-1] {
		switch {
		case l == "sqs" || l == "sqs-fips":
			return labels[i+1]
		case l == "queue" && i > 0:
			return labels[i-1]
		}
	}
	return ""
}

// parseConsole reads an SQS console link: the queue URL it holds,
// percent-encoded after "#/queues/" (the v2 and v3 consoles, perhaps with
// a tab after it, "/send-receive"), or after "selected=" (the classic
// console's "#queue-browser:selected=URL;prefix="). The queue URL's region
// is the queue's; the console's own ?region= only fills in for it.
func parseConsole(s string, u *url.URL) (QueueRef, error) {
	frag := u.EscapedFragment()
	var raw string
	switch {
	case strings.Contains(frag, "/queues/"):
		_, raw, _ = strings.Cut(frag, "/queues/")
	case strings.Contains(frag, "selected="):
		_, raw, _ = strings.Cut(frag, "selected=")
		raw, _, _ = strings.Cut(raw, ";")
		raw, _, _ = strings.Cut(raw, "&")
	}
	inner, err := url.PathUnescape(raw)
	if raw == "" || err != nil || !strings.HasPrefix(inner, "http") {
		return QueueRef{}, fmt.Errorf("this console link opens no queue (it names no queue URL after #/queues/): %q", s)
	}
	qu, err := url.Parse(inner)
	if err != nil {
		return QueueRef{}, fmt.Errorf("the queue URL in this console link is not a URL: %q", inner)
	}
	// What follows /ACCOUNT/NAME is the console's tab, not the queue's.
	if segs := pathSegments(qu.Path); len(segs) > 2 {
		qu.Path = "/" + strings.Join(segs[:2], "/")
	}
	qu.RawQuery, qu.Fragment, qu.RawFragment = "", "", ""
	ref, err := parseQueueURL(qu.String(), qu)
	if err != nil {
		return QueueRef{}, fmt.Errorf("in this console link: %w", err)
	}
	ref.Kind = RefConsole
	if ref.Region == "" {
		ref.Region = u.Query().Get("region")
	}
	return ref, nil
}

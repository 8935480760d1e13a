package localsqs

import (
	"encoding/base64"
	"encoding/json"
	"sort"
	"strings"
)

// queueURL builds the URL clients see for name, from the server's own
// base URL (never from the request: see Options.BaseURL).
func (s *Server) queueURL(name string) string {
	return *s.base.Load() + "/" + s.opts.AccountID + "/" + name
}

func (s *Server) queueARN(name string) string {
	return "arn:aws:sqs:" + s.opts.Region + ":" + s.opts.AccountID + ":" + name
}

func (s *Server) queueByName(name string) *queue {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.queues[name]
}

// queueByARN resolves an ARN of this server's region and account.
func (s *Server) queueByARN(arn string) *queue {
	prefix := s.queueARN("")
	name, ok := strings.CutPrefix(arn, prefix)
	if !ok || name == "" {
		return nil
	}
	return s.queueByName(name)
}

// queuesByARN snapshots the registry, for checks that must run while a
// queue lock is held (when the registry lock may not be taken).
func (s *Server) queuesByARN() map[string]*queue {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]*queue, len(s.queues))
	for _, q := range s.queues {
		out[q.arn] = q
	}
	return out
}

// decodeForQueue decodes a request body into in and resolves the queue its
// QueueUrl names: the preamble of every per-queue operation.
func (s *Server) decodeForQueue(raw json.RawMessage, in queueAddressed) (*queue, error) {
	if err := decode(raw, in); err != nil {
		return nil, err
	}
	return s.queueForURL(in.queueURL())
}

// queueForURL resolves a QueueUrl by its last path segment, whatever the
// host (clients mix localhost and 127.0.0.1); an account segment, when
// present, must be ours.
func (s *Server) queueForURL(url string) (*queue, error) {
	if url == "" {
		return nil, errMissingParameter("QueueUrl")
	}
	path := url
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
		if j := strings.IndexByte(path, '/'); j >= 0 {
			path = path[j:]
		} else {
			path = ""
		}
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	name := parts[len(parts)-1]
	if len(parts) >= 2 && parts[len(parts)-2] != s.opts.AccountID {
		return nil, errQueueDoesNotExist()
	}
	q := s.queueByName(name)
	if q == nil {
		return nil, errQueueDoesNotExist()
	}
	return q, nil
}

// sortedQueueNames returns the names starting with prefix, sorted.
func (s *Server) sortedQueueNames(prefix string) []string {
	s.mu.RLock()
	names := make([]string, 0, len(s.queues))
	for n := range s.queues {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	s.mu.RUnlock()
	sort.Strings(names)
	return names
}

// paginate pages sorted names the way SQS does: without maxResults, the
// first 1,000 and no token; with it, pages of maxResults and a NextToken
// naming the last item returned (so paging stays stable while queues come
// and go).
func paginate(names []string, maxResults *int64, token string) ([]string, string, error) {
	if maxResults == nil {
		if token != "" {
			return nil, "", errInvalidParameterValue("NextToken requires MaxResults.")
		}
		return names[:min(len(names), 1000)], "", nil
	}
	n := *maxResults
	if n < 1 || n > 1000 {
		return nil, "", errInvalidParam("MaxResults", n, "MaxResults must be an integer between 1 and 1000.")
	}
	if token != "" {
		after, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil {
			return nil, "", errInvalidParameterValue("Invalid NextToken value.")
		}
		i := sort.SearchStrings(names, string(after))
		if i < len(names) && names[i] == string(after) {
			i++
		}
		names = names[i:]
	}
	if int64(len(names)) <= n {
		return names, "", nil
	}
	page := names[:n]
	return page, base64.RawURLEncoding.EncodeToString([]byte(page[len(page)-1])), nil
}

// validQueueName checks SQS's naming rule: 1–80 alphanumerics, hyphens or
// underscores, a FIFO queue's name ending in ".fifo" (counted in the 80).
func validQueueName(name string) bool {
	base := strings.TrimSuffix(name, ".fifo")
	if len(name) > 80 || base == "" {
		return false
	}
	for _, c := range base {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

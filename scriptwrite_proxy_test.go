package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// noNativeProxy is localsqs with the native move API off, as an endpoint
// without it (moto) answers: StartMessageMoveTask and
// ListMessageMoveTasks are unknown operations. refuse, when set, makes
// SendMessageBatch refuse (sender's fault, final) every entry whose body
// contains it, and forwards the rest: a partial batch failure.
type noNativeProxy struct {
	target *url.URL
	mu     sync.Mutex
	refuse string
	// beforeSend, when set, runs before SendMessageBatch request n
	// (0-based) is forwarded.
	beforeSend func(n int)
	sends      int
	// loseAnswer, when set, says whether the answer to SendMessageBatch
	// request n is lost: forwarded, then the connection closes.
	loseAnswer func(n int) bool
}

// setRefuse changes what SendMessageBatch refuses ("": nothing).
func (p *noNativeProxy) setRefuse(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refuse = s
}

// setBeforeSend sets beforeSend (nil: none).
func (p *noNativeProxy) setBeforeSend(f func(n int)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.beforeSend = f
}

func (p *noNativeProxy) refusing() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refuse
}

func (p *noNativeProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	switch op {
	case "StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask":
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"__type":"com.amazonaws.sqs#UnknownOperationException","message":"no move tasks here"}`)
		return
	}
	lose := false
	if op == "SendMessageBatch" {
		p.mu.Lock()
		n, hook, loseAnswer := p.sends, p.beforeSend, p.loseAnswer
		p.sends++
		p.mu.Unlock()
		if hook != nil {
			hook(n)
		}
		lose = loseAnswer != nil && loseAnswer(n)
	}
	var refused []string
	if refuse := p.refusing(); op == "SendMessageBatch" && refuse != "" {
		var in map[string]any
		if json.Unmarshal(body, &in) == nil {
			var kept []any
			for _, e := range in["Entries"].([]any) {
				entry := e.(map[string]any)
				if strings.Contains(entry["MessageBody"].(string), refuse) {
					refused = append(refused, entry["Id"].(string))
					continue
				}
				kept = append(kept, entry)
			}
			if len(kept) == 0 {
				p.answer(w, http.StatusOK, batchAnswer(nil, refused))
				return
			}
			in["Entries"] = kept
			body, _ = json.Marshal(in)
		}
	}
	req, _ := http.NewRequest(r.Method, p.target.String()+r.URL.Path, bytes.NewReader(body))
	req.Header = r.Header.Clone()
	req.Header.Del("Content-Length")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if lose {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close() // carried out, and nobody hears of it
		}
		return
	}
	if len(refused) > 0 && resp.StatusCode == http.StatusOK {
		out = batchAnswer(out, refused)
	}
	p.answer(w, resp.StatusCode, out)
}

func (p *noNativeProxy) answer(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// batchAnswer adds the refused ids to a SendMessageBatch answer as
// entries failed for the sender's fault: final, never retried.
func batchAnswer(answer []byte, refused []string) []byte {
	doc := map[string]any{"Successful": []any{}}
	if answer != nil {
		_ = json.Unmarshal(answer, &doc)
	}
	failed, _ := doc["Failed"].([]any)
	for _, id := range refused {
		failed = append(failed, map[string]any{"Id": id, "SenderFault": true, "Code": "InvalidMessageContents", "Message": "refused by the test's proxy"})
	}
	doc["Failed"] = failed
	b, _ := json.Marshal(doc)
	return b
}

func (b *wBackend) withoutNative(t *testing.T, refuse string) (endpoint string, p *noNativeProxy) {
	t.Helper()
	target, err := url.Parse(b.url)
	if err != nil {
		t.Fatal(err)
	}
	p = &noNativeProxy{target: target, refuse: refuse}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL, p
}

package scripting

import (
	"context"
	"errors"
	"fmt"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/suggest"
)

// Queue finds the queue arg names — a name, queue URL, ARN or console
// link, as the TUI's --queue takes — among the account's queues, and
// reads its attributes (counts, redrive policy). A malformed argument, an
// unknown queue (with the closest name, when one is close) and a link to
// another region or account are usage errors: the command must change.
// code is ExitOK when q is good.
func (e *Env) Queue(ctx context.Context, c awsclient.Client, arg string) (q model.Queue, code int) {
	ref, err := model.ParseQueueRef(arg)
	if err != nil {
		return q, e.Usage("%v", err)
	}
	urls, err := c.QueueURLs(ctx)
	if err != nil {
		return q, e.failCall(ctx, err)
	}
	// Locate needs only names and URLs (the account is read from the URL),
	// so only the queue found costs a GetQueueAttributes.
	listed := make([]model.Queue, len(urls))
	names := make([]string, len(urls))
	for i, u := range urls {
		names[i] = model.NameFromURL(u)
		listed[i] = model.Queue{Name: names[i], URL: u}
	}
	found, err := ref.Locate(listed, c.Endpoint().Region)
	var notListed *model.NotListedError
	switch {
	case errors.As(err, &notListed):
		hint := ""
		if s := suggest.Closest(ref.Name, names); s != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", s)
		}
		return q, e.Usage("no queue named %q in %s%s; sqscope ls lists them", ref.Name, where(c), hint)
	case err != nil:
		return q, e.Usage("%s: %v", arg, err)
	}
	qs, err := c.Refresh(ctx, []string{found.URL})
	if err != nil {
		return q, e.failCall(ctx, err)
	}
	if qs[0].Err != nil {
		return q, e.Fail(ExitFailed, "%s", awsclient.Describe(qs[0].Err))
	}
	return qs[0], ExitOK
}

// where names the session for a message: the region, or the endpoint.
func where(c awsclient.Client) string {
	ep := c.Endpoint()
	switch {
	case ep.Demo:
		return "the demo"
	case ep.URL != "":
		return ep.URL
	case ep.Region != "":
		return ep.Region
	}
	return "this account"
}

// failCall reports a failed call: an interruption as such, anything else
// in awsclient's one-line words.
func (e *Env) failCall(ctx context.Context, err error) int {
	if Interrupted(ctx) {
		return e.Fail(ExitInterrupted, "interrupted")
	}
	return e.Fail(ExitFailed, "%s", awsclient.Describe(err))
}

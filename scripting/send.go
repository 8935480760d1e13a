package scripting

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// sqscope send: one message from the flags, or a file of records (an
// export, an audit log, or both mixed, as the TUI's F reads it). Every
// message is checked as SQS checks it before anything is sent, so a file
// with a mistake sends nothing (unless --skip-invalid) and says which
// lines, instead of leaving the queue half-restored.

func init() {
	register(&Command{
		Name:    "send",
		Changes: true, // the audit log records it, as the TUI's
		Synopsis: `usage: sqscope send QUEUE --file F.jsonl [--skip-invalid] [--json]
       sqscope send QUEUE --body TEXT [--attr NAME=TYPE:VALUE …] [--group-id G] [--dedup-id D] [--delay N] [--json]
                                 send one message, or every record of a file (an export or an audit log),
                                 10 to a request, and report each; checked first: a file with an invalid
                                 line sends nothing unless --skip-invalid`,
		Args:         []string{"QUEUE"},
		Placeholders: map[string]string{"file": "F.jsonl", "body": "TEXT", "attr": "NAME=TYPE:VALUE", "group-id": "G", "dedup-id": "D", "delay": "N"},
		Bind:         bindSend,
	})
}

// sendFlags are send's own flags.
type sendFlags struct {
	file, body, group, dedup string
	delay                    int
	attrs                    attrFlag
	skipInvalid, json        bool
	given                    func() map[string]bool
}

func bindSend(fs *flag.FlagSet) Runner {
	f := &sendFlags{}
	fs.StringVar(&f.file, "file", "", "send every record of this JSONL file (an export, an audit log, or both)")
	fs.StringVar(&f.body, "body", "", "send one message with this body")
	fs.Var(&f.attrs, "attr", "with --body: a message attribute (TYPE String, Number, or Binary with a base64 VALUE); repeatable")
	fs.StringVar(&f.group, "group-id", "", "with --body: the MessageGroupId (FIFO)")
	fs.StringVar(&f.dedup, "dedup-id", "", "with --body: the MessageDeduplicationId (FIFO without content-based deduplication)")
	fs.IntVar(&f.delay, "delay", 0, "with --body: DelaySeconds, 0–900 (standard queues)")
	fs.BoolVar(&f.skipInvalid, "skip-invalid", false, "with --file: send the valid lines and report the others, instead of sending nothing")
	jsonOut := BindJSON(fs)
	f.given = func() map[string]bool {
		set := map[string]bool{}
		fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
		return set
	}
	return func(ctx context.Context, env *Env, args []string) int {
		f.json = *jsonOut
		return runSend(ctx, env, args[0], f)
	}
}

// attrFlag collects --attr NAME=TYPE:VALUE.
type attrFlag []string

func (a *attrFlag) String() string     { return strings.Join(*a, ",") }
func (a *attrFlag) Set(v string) error { *a = append(*a, v); return nil }

// parseAttr reads NAME=TYPE:VALUE; a Binary value is base64, as in an
// export. The value's checks are Validate's, with the message's.
func parseAttr(s string) (string, model.MessageAttribute, error) {
	name, rest, ok := strings.Cut(s, "=")
	typ, val, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || name == "" {
		return "", model.MessageAttribute{}, fmt.Errorf("--attr %q: write NAME=TYPE:VALUE, e.g. --attr tenant=String:acme", s)
	}
	a := model.MessageAttribute{DataType: typ}
	if strings.HasPrefix(typ, "Binary") {
		b, err := base64.StdEncoding.DecodeString(val)
		if err != nil {
			return "", a, fmt.Errorf("--attr %s: a Binary value is base64: %v", name, err)
		}
		a.BinaryValue = b
		return name, a, nil
	}
	a.StringValue = val
	return name, a, nil
}

// checkSendFlags refuses flags that do not go together, before connecting.
func checkSendFlags(env *Env, f *sendFlags) int {
	given := f.given()
	switch {
	case given["file"] == given["body"]:
		return env.Usage("send needs --file F.jsonl or --body TEXT (one of them)")
	case given["file"]:
		for _, n := range []string{"attr", "group-id", "dedup-id", "delay"} {
			if given[n] {
				return env.Usage("--%s goes with --body; in a file each record carries its own", n)
			}
		}
	case given["skip-invalid"]:
		return env.Usage("--skip-invalid goes with --file")
	}
	return ExitOK
}

// sendItem is one message to send and where it came from.
type sendItem struct {
	line int // 1-based line of the file; 0 for --body
	o    model.Outgoing
}

// lineProblem is a line that is not sent, and why.
type lineProblem struct {
	line int
	why  string
}

func runSend(ctx context.Context, env *Env, queue string, f *sendFlags) int {
	if code := checkSendFlags(env, f); code != ExitOK {
		return code
	}
	var body *model.Outgoing
	var data []byte
	if f.file == "" {
		o := model.Outgoing{Body: f.body, GroupID: f.group, DedupID: f.dedup, DelaySeconds: f.delay}
		for _, s := range f.attrs {
			name, a, err := parseAttr(s)
			if err != nil {
				return env.Usage("%v", err)
			}
			if o.Attributes == nil {
				o.Attributes = map[string]model.MessageAttribute{}
			}
			o.Attributes[name] = a
		}
		body = &o
	} else {
		var err error
		if data, err = os.ReadFile(f.file); err != nil {
			// A file that is not there is a mistake on the command line:
			// nothing was tried.
			return env.Fail(ExitUsage, "%v", err)
		}
	}
	c, code := env.Client(ctx)
	if code != ExitOK {
		return code
	}
	q, code := env.Queue(ctx, c, queue)
	if code != ExitOK {
		return code
	}
	items, bad, err := sendItems(data, body, model.RulesOf(q))
	if err != nil {
		return env.Fail(ExitFailed, "%s: %v", f.file, err)
	}
	out := env.Output(f.json)
	if len(bad) > 0 && (body != nil || !f.skipInvalid) {
		for _, b := range bad {
			env.Note("%s", b.text(body != nil))
		}
		what := fmt.Sprintf("%d of %d lines of %s", len(bad), len(bad)+len(items), f.file)
		if body != nil {
			what = "the message"
		}
		return env.Fail(ExitFailed, "nothing sent: %s would be refused%s", what, map[bool]string{true: "", false: " (--skip-invalid sends the others)"}[body != nil])
	}
	if len(items) == 0 {
		return env.Fail(ExitNothingDone, "%s holds no records: nothing sent", f.file)
	}
	rep, err := sendInChunks(ctx, c, q, items)
	if err != nil && rep.results == nil {
		var ro *awsclient.ReadOnlyError
		if errors.As(err, &ro) {
			return env.Fail(ExitNothingDone, "%v: nothing sent", err)
		}
		return env.Fail(ExitFailed, "nothing sent: %s", awsclient.Describe(err))
	}
	rep.queue, rep.skipped = q.Name, bad
	if rep.auditErr != nil {
		env.Note("warning: the audit log was not written: %v", rep.auditErr)
	}
	if werr := rep.write(out); werr != nil {
		return env.Fail(ExitFailed, "%v", werr)
	}
	return rep.exitCode(ctx)
}

// sendItems reads the file (or takes the one message) and checks each
// message against the queue's rules. A line that is no record, has a
// field no record has, or would be refused, is returned in bad.
func sendItems(data []byte, body *model.Outgoing, rules model.SendRules) (items []sendItem, bad []lineProblem, err error) {
	if body != nil {
		if err := body.Validate(rules); err != nil {
			return nil, []lineProblem{{why: err.Error()}}, nil
		}
		return []sendItem{{o: *body}}, nil, nil
	}
	recs, lines, unreadable, err := audit.ReadRecords(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	for _, u := range unreadable {
		bad = append(bad, lineProblem{line: u.Line, why: "not a record: " + u.Err.Error()})
	}
	unknown := audit.UnknownFields(data, lines)
	for i, r := range recs {
		if name, ok := unknown[lines[i]]; ok {
			bad = append(bad, lineProblem{line: lines[i], why: "unknown field " + name + " (a typo would drop what it holds)"})
			continue
		}
		o := r.Outgoing()
		if err := o.Validate(rules); err != nil {
			bad = append(bad, lineProblem{line: lines[i], why: err.Error()})
			continue
		}
		items = append(items, sendItem{line: lines[i], o: o})
	}
	sortProblems(bad)
	return items, bad, nil
}

func (b lineProblem) text(single bool) string {
	if single {
		return "the message would be refused: " + oneLine(b.why)
	}
	return fmt.Sprintf("line %d: %s", b.line, oneLine(b.why))
}

func sortProblems(ps []lineProblem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].line < ps[j-1].line; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

package scripting

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sqscope/sqscope/model"
)

func init() {
	register(&Command{
		Name: "export",
		Synopsis: `usage: sqscope export QUEUE [-o FILE] [-n N] [--yes] [flags]
                                 write messages in the export format (one JSON object per line, as
                                 sqscope send --file reads), to FILE (never overwritten) or stdout;
                                 the same safe peek as sqscope peek: nothing is consumed`,
		Args:         []string{"QUEUE"},
		Placeholders: map[string]string{"o": "FILE", "n": "N"},
		Bind:         bindExport,
	})
}

func bindExport(fs *flag.FlagSet) Runner {
	o := fs.String("o", "", "write to FILE, created readable by you only; an existing file is never overwritten (default: stdout)")
	n := fs.Int("n", 0, fmt.Sprintf("how many messages to write (default: every visible one, at most %d)", MaxRead))
	yes := fs.Bool("yes", false, "do not ask before a read that could move messages to the dead-letter queue")
	return func(ctx context.Context, env *Env, args []string) int {
		if *n < 0 || *n > MaxRead {
			return env.Usage("-n %d: write between 1 and %d messages (or leave -n out for all)", *n, MaxRead)
		}
		return export(ctx, env, args[0], *o, *n, *yes)
	}
}

// export writes the queue's messages as JSONL. The file is created before
// anything is read, so a name that is taken costs the queue no receive.
func export(ctx context.Context, env *Env, arg, path string, n int, yes bool) int {
	var f *os.File
	if path != "" {
		var err error
		if f, err = createExport(path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return env.Usage("-o %s: the file exists, and an export never overwrites one; choose another name", path)
			}
			return env.Fail(ExitFailed, "-o: %v", err)
		}
	}
	code := exportTo(ctx, env, arg, f, n, yes)
	if f != nil {
		if err := f.Close(); err != nil && code == ExitOK {
			code = env.Fail(ExitFailed, "writing %s: %v", path, err)
		}
		// An empty file from an export that did not happen would pass for
		// an empty queue's export.
		if code != ExitOK {
			if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
				_ = os.Remove(path)
			}
		}
	}
	return code
}

// createExport creates path (a leading ~/ is the home directory) for
// writing, mode 0600 (bodies are often confidential), failing with
// fs.ErrExist when it is there — as the TUI's export.
func createExport(path string) (*os.File, error) {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// exportTo reads the queue and writes it to f, or stdout when f is nil.
func exportTo(ctx context.Context, env *Env, arg string, f *os.File, n int, yes bool) int {
	c, code := env.Client(ctx)
	if code != ExitOK {
		return code
	}
	q, code := env.Queue(ctx, c, arg)
	if code != ExitOK {
		return code
	}
	res, code := readQueue(ctx, env, c, q, n, yes)
	if code != ExitOK {
		return code
	}
	var w io.Writer = env.Stdout
	if f != nil {
		w = f
	}
	bw := bufio.NewWriter(w)
	err := model.WriteRecords(jsonSafe{bw}, records(res.msgs, q.URL))
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return env.Fail(ExitFailed, "writing: %v", err)
	}
	readNotes(env, q, res, n)
	if f != nil {
		env.Note("wrote %s to %s", plural(len(res.msgs), "message"), f.Name())
	}
	if n <= 0 && !res.exhausted && len(res.msgs) == MaxRead {
		env.Note("stopped at %d messages (the most one export reads); the queue may hold more", MaxRead)
	}
	return res.done(env)
}

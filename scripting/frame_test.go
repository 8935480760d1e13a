package scripting

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// JSON output is exact and safe to cat: C1 controls and bidi overrides are
// escaped, and the line decodes to the very string.
func TestJSONSafe(t *testing.T) {
	in := "csi \u009b31m, override \u202e, isolate \u2066, é ü 日本 \u200b"
	var b bytes.Buffer
	env := &Env{Stdout: &b}
	if err := env.Output(true).Line(map[string]string{"Body": in}); err != nil {
		t.Fatal(err)
	}
	line := b.String()
	for _, r := range []string{"\u009b", "\u202e", "\u2066"} {
		if strings.Contains(line, r) {
			t.Errorf("%q reached the output unescaped: %s", r, line)
		}
	}
	if !strings.Contains(line, `\u009b31m`) || !strings.Contains(line, "é ü 日本") {
		t.Errorf("escaped too much or too little: %s", line)
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(line), &back); err != nil || back["Body"] != in {
		t.Errorf("decodes to %q (%v), want %q", back["Body"], err, in)
	}
}

// Commands are listed in the order, whatever order the files
// registered them in.
func TestCommandsOrder(t *testing.T) {
	names := Names()
	var known []string
	for _, n := range order {
		if slices.Contains(names, n) {
			known = append(known, n)
		}
	}
	if !slices.Equal(names[:len(known)], known) {
		t.Errorf("Names() = %q, want %q first", names, known)
	}
}

// Off a terminal nothing is asked: --yes goes ahead, its absence does
// nothing (exit 3) and says to add it. On a terminal the answer decides.
func TestConfirm(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name        string
		interactive bool
		yes         bool
		answer      string
		want        int
	}{
		{"--yes", false, true, "", ExitOK},
		{"no terminal", false, false, "y\n", ExitNothingDone},
		{"answered yes", true, false, "yes\n", ExitOK},
		{"answered no", true, false, "n\n", ExitNothingDone},
		{"no answer", true, false, "", ExitNothingDone},
	} {
		var errOut bytes.Buffer
		env := &Env{Stderr: &errOut, Stdin: strings.NewReader(c.answer), Interactive: c.interactive}
		if got := env.Confirm(ctx, c.yes, "Peek q?", []string{"why"}); got != c.want {
			t.Errorf("%s: %d, want %d; stderr %q", c.name, got, c.want, errOut.String())
		}
		if c.name == "no terminal" && !strings.Contains(errOut.String(), "add --yes") {
			t.Errorf("no terminal: stderr %q does not say to add --yes", errOut.String())
		}
	}
}

package compose

import (
	"cmp"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/common"
)

// The external editor: $VISUAL, else $EDITOR, run by Bubble Tea's exec
// (which suspends the UI and restores the terminal after) on a temporary
// file readable by the user only, removed once read back. Above the
// draft the file has a header of lines starting with headerMark: how to
// send or stop, and the reason of the last refusal. They are ours,
// removed when the file is read back; the writer's own # lines stay.

// headerMark starts each line of the header.
const headerMark = "#>"

// editorArgv is the editor's command line, without the file; nil when
// neither variable names one. It may hold arguments ("code --wait").
func editorArgv(visual, editor string) []string {
	return strings.Fields(cmp.Or(strings.TrimSpace(visual), strings.TrimSpace(editor)))
}

// header is the file's header for d.
func header(d *draft) []string {
	h := []string{headerMark + " To " + common.OneLine(d.to.Name) + ": save and quit; you are asked before it is sent."}
	if d.resend {
		h[0] = headerMark + " A copy of a message of " + common.OneLine(d.from.Name) + ": save and quit, then pick its queue."
	}
	h = append(h, headerMark+" To stop: empty the file, or quit with an error (vim :cq).")
	if d.err != nil {
		// The reason's line numbers are the file's: below these 4 lines.
		h = append(h, headerMark+" ✗ "+d.err.at(len(h)+2), headerMark+" (quit without a change to stop; the draft is kept)")
	}
	return h
}

// fileText is what the external editor's file holds for d.
func fileText(d *draft) string {
	return strings.Join(header(d), "\n") + "\n" + d.text
}

// stripHeader removes the header lines from the top of text.
func stripHeader(text string) string {
	for strings.HasPrefix(text, headerMark) {
		_, rest, ok := strings.Cut(text, "\n")
		if !ok {
			return ""
		}
		text = rest
	}
	return text
}

// prepareCmd decides where d is edited. With an external editor it
// writes the draft to a private temporary file (CreateTemp makes it 0600)
// and builds the editor's command here, off the UI goroutine, since
// resolving it reads the environment and searches $PATH.
func prepareCmd(d *draft, text string) tea.Cmd {
	return func() tea.Msg {
		argv := editorArgv(os.Getenv("VISUAL"), os.Getenv("EDITOR"))
		if len(argv) == 0 {
			return editorReadyMsg{d: d, inApp: true}
		}
		f, err := os.CreateTemp("", "sqscope-draft-*.json")
		if err != nil {
			return editorReadyMsg{d: d, err: err}
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return editorReadyMsg{d: d, err: err}
		}
		argv = append(argv, f.Name())
		return editorReadyMsg{d: d, path: f.Name(), cmd: exec.Command(argv[0], argv[1:]...)}
	}
}

// readBackCmd reads the external editor's file and removes it: once read,
// the draft lives in memory (and in Pane.kept), and a body is often
// confidential.
func readBackCmd(msg editedMsg) tea.Cmd {
	return func() tea.Msg {
		b, err := os.ReadFile(msg.path)
		os.Remove(msg.path)
		return draftReadMsg{d: msg.d, text: string(b), editErr: msg.err, err: err}
	}
}

package compose

import (
	"context"
	"os/exec"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
)

// callTimeout bounds one send or delete of a draft, and one chunk of a
// file: 100 messages are 10 batch requests.
const callTimeout = 60 * time.Second

// OriginalDeletedMsg tells the root that the original of a resend was
// deleted from QueueURL: the peek pane drops it from its list.
type OriginalDeletedMsg struct {
	QueueURL string
	ID       string
}

// SentMsg tells the root that messages were sent to a queue: its counts
// are worth reading again.
type SentMsg struct{}

// editorReadyMsg says how the draft will be edited: in the app (inApp),
// or in the external editor cmd on the temporary file path.
type editorReadyMsg struct {
	d     *draft
	inApp bool
	path  string
	cmd   *exec.Cmd
	err   error // the file could not be written: the in-app editor instead
}

// editedMsg says the external editor exited, with its error.
type editedMsg struct {
	d    *draft
	path string
	err  error
}

// draftReadMsg is the external editor's file read back (and removed).
type draftReadMsg struct {
	d       *draft
	text    string
	editErr error // the editor's own: it failed to run, or exited non-zero
	err     error // reading the file back
}

// editorAnswerMsg is the in-app editor's answer.
type editorAnswerMsg struct {
	d   *draft
	res dialog.Result
}

// destMsg is the resend destination picker's answer (nil: cancelled).
type destMsg struct {
	d    *draft
	dest *model.Queue
}

// sendAnswerMsg is the answer to "send it?".
type sendAnswerMsg struct {
	d   *draft
	yes bool
}

// sentMsg is the send of one draft.
type sentMsg struct {
	d   *draft
	rep awsclient.SendReport
	err error
}

// deleteAnswerMsg is the answer to "delete the original?".
type deleteAnswerMsg struct {
	d   *draft
	yes bool
}

// deletedMsg is the delete of a resend's original.
type deletedMsg struct {
	d   *draft
	rep awsclient.DeleteReport
	err error
}

// sendCmd sends one message.
func sendCmd(ctx context.Context, c awsclient.Operator, d *draft, url string, o model.Outgoing) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		rep, err := c.Send(ctx, url, []model.Outgoing{o})
		return sentMsg{d: d, rep: rep, err: err}
	}
}

// deleteCmd deletes the original m of a resend from url, with the
// receipt handle of the peek that read it.
func deleteCmd(ctx context.Context, c awsclient.Operator, d *draft, url string, m model.Message) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		rep, err := c.DeleteMessages(ctx, url, []model.Message{m})
		return deletedMsg{d: d, rep: rep, err: err}
	}
}

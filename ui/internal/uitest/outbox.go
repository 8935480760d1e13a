package uitest

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Named is the dataset's queue called name.
func Named(name string) model.Queue {
	for _, q := range Dataset(0) {
		if q.Name == name {
			return q
		}
	}
	panic("no queue " + name + " in the dataset")
}

// DialogOf is the dialog a pane asked the root to open among what it sent
// up; nil when none.
func DialogOf(up []tea.Msg) dialog.Dialog {
	for _, m := range up {
		if o, ok := m.(dialog.OpenMsg); ok {
			return o.Dialog
		}
	}
	return nil
}

// Notices are the status-line notices a pane sent up.
func Notices(up []tea.Msg) []string {
	var out []string
	for _, m := range up {
		if n, ok := m.(common.NoticeMsg); ok {
			out = append(out, n.Text)
		}
	}
	return out
}

// BareStyles is a theme without any attribute at all, so a rendered frame
// holds no escape sequence of ours: any ESC in it came from a message.
func BareStyles() common.Styles {
	var s common.Styles
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		v.Field(i).Set(reflect.ValueOf(lipgloss.NewStyle()))
	}
	return s
}

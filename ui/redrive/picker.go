package redrive

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// destinationPicker chooses where t's DLQ messages go: every other queue,
// by name, with its depth and type; typing narrows.
func destinationPicker(c *common.Common, t Target, all []model.Queue) *dialog.Picker {
	var qs []model.Queue
	for _, q := range all {
		if q.URL != t.Queue.URL {
			qs = append(qs, q)
		}
	}
	model.SortQueues(qs, model.SortByName)
	items := make([]dialog.Item, len(qs))
	for i, q := range qs {
		items[i] = dialog.Item{Name: q.Name,
			Detail: common.PadLeft(common.Commas(q.Stats.Total()), 10) + "  " + common.PadRight(q.Type.String(), 8)}
	}
	return dialog.NewPicker(c, "Move messages from "+common.OneLine(t.Queue.Name)+" to…", items,
		func(r dialog.Result) tea.Msg {
			if r.Outcome != dialog.Picked {
				return pickedMsg{}
			}
			q := qs[r.Index]
			return pickedMsg{dest: &q}
		})
}

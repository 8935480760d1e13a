package queues

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// Queue names that differ only at the end must read differently in every
// column, at every width (issue 9: they were cut at the end, so the
// events and commands DLQs both read "prod-order-fulfillment-se…").
func TestLongNamesStayApart(t *testing.T) {
	const p = "prod-order-fulfillment-service-"
	qs := []model.Queue{
		uitest.Queue(p+"events", 1, 0, 0, p+"events-dlq"), uitest.Queue(p+"events-dlq", 2, 0, 0, ""),
		uitest.Queue(p+"commands", 3, 0, 0, p+"commands-dlq"), uitest.Queue(p+"commands-dlq", 4, 0, 0, ""),
		uitest.Queue("notifications-dlq", 1, 0, 0, ""), uitest.Queue("notifications-email", 1, 0, 0, "notifications-dlq"),
		uitest.Queue("notifications-sms", 1, 0, 0, "notifications-dlq"),
	}
	for _, w := range []int{60, 80, 120} {
		c := common.New(context.Background(), false)
		b := New(c)
		b.SetSize(w, 20)
		cat := model.NewCatalog(2)
		cat.Update(qs, time.Now())
		b.SetCatalog(cat)
		names := map[string]string{}
		rels := map[string]string{}
		for _, row := range strings.Split(ansi.Strip(b.list.View()), "\n")[2:] {
			if len(row) < 3 || strings.TrimSpace(row) == "" {
				continue
			}
			name := strings.TrimSpace(row[2 : 2+b.list.cols.name])
			if prev, dup := names[name]; dup {
				t.Errorf("%d columns: %q and %q both read %q", w, prev, row, name)
			}
			names[name] = row
			rel := strings.TrimSpace(ansi.Cut(row, common.Width(row)-b.list.cols.rel, common.Width(row)))
			// The prod sources have different DLQs: at 120 columns the DLQ
			// column tells them apart too.
			if strings.HasPrefix(rel, "→ prod") && w >= 120 {
				if prev, dup := rels[rel]; dup {
					t.Errorf("%d columns: the DLQ column reads %q for %q and %q", w, rel, prev, row)
				}
				rels[rel] = row
			}
		}
		if len(names) != len(qs) {
			t.Errorf("%d columns: %d distinct names for %d queues:\n%s", w, len(names), len(qs), ansi.Strip(b.list.View()))
		}
	}
}

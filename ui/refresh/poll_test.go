package refresh

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// fixture is a Poller over the fake client with queues a…e, on a clock
// the test moves.
type fixture struct {
	t     *testing.T
	f     *uitest.Client
	p     *Poller
	clock *uitest.Clock
}

func newFixture(t *testing.T, every, all time.Duration) *fixture {
	var qs []model.Queue
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		qs = append(qs, uitest.Queue(n, 1, 0, 0, ""))
	}
	clock := &uitest.Clock{T: time.Date(2026, 12, 3, 3, 0, 0, 0, time.UTC)}
	c := &common.Common{Now: clock.Now, Ctx: context.Background()}
	f := &uitest.Client{List: qs}
	return &fixture{t: t, f: f, p: New(c, f, every, all), clock: clock}
}

func url(name string) string { return uitest.Queue(name, 0, 0, 0, "").URL }

// answer runs cmd (a poll) and hands its answer to the Poller.
func (x *fixture) answer(cmd tea.Cmd) LoadedMsg {
	x.t.Helper()
	if cmd == nil {
		x.t.Fatal("no poll")
	}
	msg := cmd().(LoadedMsg)
	x.p.Accept(msg)
	return msg
}

// reads is how many queue attributes were read so far.
func (x *fixture) reads() int { _, n := x.f.Refreshes(); return n }

func TestIdleMinuteReadsTheScreenEveryTickAndAllOnce(t *testing.T) {
	x := newFixture(t, 3*time.Second, time.Minute)
	hot := []string{url("b"), url("c")}
	x.answer(x.p.All())
	listings, reads := x.f.CallCount(), x.reads()
	for tick := 1; tick <= 20; tick++ {
		x.clock.T = x.clock.T.Add(3 * time.Second)
		msg := x.answer(x.p.Tick(hot))
		if msg.Full != (tick == 20) {
			t.Errorf("tick %d (%ds): full %v; the listing is due at 60s only", tick, 3*tick, msg.Full)
		}
		for _, u := range hot {
			if age := x.p.Age(u); age != 0 {
				t.Errorf("tick %d: %s is %v old after the tick", tick, u, age)
			}
		}
	}
	if n := x.f.CallCount() - listings; n != 1 {
		t.Errorf("%d listings in a minute, want 1", n)
	}
	if n := x.reads() - reads; n != 19*len(hot)+5 {
		t.Errorf("%d reads in a minute, want %d (19 ticks of 2 rows, one of all 5)", n, 19*len(hot)+5)
	}
	if n := x.f.Reads(url("e")); n != 2 {
		t.Errorf("off-screen queue read %d times in a minute and its start, want 2", n)
	}
}

func TestTickSkipsRowsReadWithinHalfATick(t *testing.T) {
	x := newFixture(t, 4*time.Second, time.Minute)
	x.answer(x.p.All())
	x.clock.T = x.clock.T.Add(time.Second)
	if cmd := x.p.Tick([]string{url("a")}); cmd != nil {
		t.Errorf("tick 1s after every queue was read polls again: %#v", cmd())
	}
	x.clock.T = x.clock.T.Add(time.Second)
	if msg := x.answer(x.p.Tick([]string{url("a")})); msg.Full || len(msg.Queues) != 1 {
		t.Errorf("tick half a tick on read %d queues, full %v; want a", len(msg.Queues), msg.Full)
	}
}

func TestDemandAtMostOncePerTick(t *testing.T) {
	x := newFixture(t, 3*time.Second, time.Minute)
	cmd := x.p.All()
	if x.p.Demand() != nil {
		t.Error("demand while a full poll is in flight polls again")
	}
	x.answer(cmd)
	x.clock.T = x.clock.T.Add(3 * time.Second)
	if x.p.Demand() != nil {
		t.Error("demand a tick after a full poll polls again")
	}
	x.clock.T = x.clock.T.Add(time.Second)
	if msg := x.answer(x.p.Demand()); !msg.Full {
		t.Error("demand after more than a tick did not list and read every queue")
	}
	// A partial poll in flight is superseded: its answer is dropped.
	x.clock.T = x.clock.T.Add(4 * time.Second)
	tick := x.p.Tick([]string{url("a")})
	full := x.p.Demand()
	if full == nil {
		t.Fatal("demand waited for a partial poll")
	}
	if ok, _ := x.p.Accept(tick().(LoadedMsg)); ok || !x.p.InFlight() {
		t.Errorf("superseded answer accepted (%v) or ended the newer poll (in flight %v)", ok, x.p.InFlight())
	}
	x.answer(full)
}

func TestFailedListingReadsTheScreenBeforeRetrying(t *testing.T) {
	x := newFixture(t, 3*time.Second, 6*time.Second)
	hot := []string{url("a")}
	x.answer(x.p.All())
	x.f.Set(x.f.List, errors.New("ThrottlingException: Rate exceeded"))
	x.clock.T = x.clock.T.Add(6 * time.Second)
	if msg := x.answer(x.p.Tick(hot)); !msg.Full || x.p.Err() == nil {
		t.Fatalf("due listing: full %v, err %v", msg.Full, x.p.Err())
	}
	x.clock.T = x.clock.T.Add(3 * time.Second)
	if msg := x.answer(x.p.Tick(hot)); msg.Full || msg.Err != nil {
		t.Errorf("the tick after a failed listing: full %v err %v; want the screen's rows", msg.Full, msg.Err)
	}
	if x.p.Err() == nil {
		t.Error("reading the screen's rows cleared the listing's error")
	}
	x.f.Set(x.f.List, nil)
	x.clock.T = x.clock.T.Add(3 * time.Second)
	if msg := x.answer(x.p.Tick(hot)); !msg.Full || x.p.Err() != nil {
		t.Errorf("retry: full %v, err %v; want the listing again, and no error", msg.Full, x.p.Err())
	}
}

func TestFirstListingFailingSaysSoAndRetriesEveryTick(t *testing.T) {
	x := newFixture(t, 3*time.Second, time.Minute)
	x.f.Set(nil, errors.New("no credentials"))
	msg := x.p.All()().(LoadedMsg)
	if ok, empty := x.p.Accept(msg); ok || empty == "" {
		t.Errorf("failed first listing: ok %v, empty text %q", ok, empty)
	}
	if f := x.p.Freshness(nil, 0); f.Known || f.Long() != "" {
		t.Errorf("freshness before any listing: %+v %q", f, f.Long())
	}
	for range 2 {
		x.clock.T = x.clock.T.Add(3 * time.Second)
		if msg := x.answer(x.p.Tick(nil)); !msg.Full {
			t.Error("a tick before any listing worked did not list")
		}
	}
}

func TestReadErrorClearedByTheNextRead(t *testing.T) {
	x := newFixture(t, 3*time.Second, time.Minute)
	x.answer(x.p.All())
	x.f.RefreshErr = context.DeadlineExceeded
	x.clock.T = x.clock.T.Add(3 * time.Second)
	x.answer(x.p.Tick([]string{url("a")}))
	if !errors.Is(x.p.Err(), context.DeadlineExceeded) {
		t.Errorf("Err = %v after a failed read", x.p.Err())
	}
	if age := x.p.Age(url("a")); age != 3*time.Second {
		t.Errorf("a failed read made the row %v old, want 3s: nothing new was read", age)
	}
	x.f.RefreshErr = nil
	x.clock.T = x.clock.T.Add(3 * time.Second)
	x.answer(x.p.Tick([]string{url("a")}))
	if x.p.Err() != nil {
		t.Errorf("Err = %v after a read that worked", x.p.Err())
	}
}

func TestFreshnessWords(t *testing.T) {
	x := newFixture(t, 3*time.Second, time.Minute)
	x.answer(x.p.All())
	x.clock.T = x.clock.T.Add(39 * time.Second)
	x.answer(x.p.Tick([]string{url("a")}))
	x.clock.T = x.clock.T.Add(2 * time.Second)
	for _, tt := range []struct {
		hot         []string
		total       int
		long, short string
	}{
		{[]string{url("a")}, 3, "counts on screen 2s old · others 41s", "2s old · others 41s"},
		{[]string{url("a"), url("b")}, 3, "counts 41s old", "41s old"},
		{nil, 3, "counts 41s old", "41s old"},
		// Every queue on screen: no "others" to be older.
		{[]string{url("a"), url("a")}, 1, "counts 2s old", "2s old"},
	} {
		f := x.p.Freshness(tt.hot, tt.total)
		if f.Long() != tt.long || f.Short() != tt.short {
			t.Errorf("hot %v: %q / %q, want %q / %q", tt.hot, f.Long(), f.Short(), tt.long, tt.short)
		}
	}
	for d, want := range map[time.Duration]string{59 * time.Second: "59s", 3*time.Minute + 5*time.Second: "3m", 2 * time.Hour: "2h", -time.Second: "0s"} {
		if got := ago(d); got != want {
			t.Errorf("ago(%v) = %q, want %q", d, got, want)
		}
	}
}

package model

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)

func pt(sec int, visible int64) Point {
	return Point{At: t0.Add(time.Duration(sec) * time.Second), Stats: QueueStats{Visible: visible, InFlight: 2 * visible}}
}

func visibles(s *Series) []int64 {
	var out []int64
	for _, p := range s.Points() {
		out = append(out, p.Stats.Visible)
	}
	return out
}

func TestSeriesRing(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		pushes   int
		want     []int64 // Visible of the samples held, oldest first
	}{
		{name: "empty", capacity: 3, pushes: 0, want: nil},
		{name: "partial", capacity: 3, pushes: 2, want: []int64{1, 2}},
		{name: "exactly full", capacity: 3, pushes: 3, want: []int64{1, 2, 3}},
		{name: "wrap once", capacity: 3, pushes: 4, want: []int64{2, 3, 4}},
		{name: "wrap many", capacity: 3, pushes: 10, want: []int64{8, 9, 10}},
		{name: "wrap to start", capacity: 3, pushes: 6, want: []int64{4, 5, 6}},
		{name: "capacity one", capacity: 1, pushes: 5, want: []int64{5}},
		{name: "capacity clamped", capacity: 0, pushes: 2, want: []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSeries(tt.capacity)
			for i := 1; i <= tt.pushes; i++ {
				s.Push(pt(i, int64(i)))
			}
			got := visibles(s)
			if len(got) != len(tt.want) {
				t.Fatalf("held %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("held %v, want %v", got, tt.want)
				}
				if s.At(i).Stats.Visible != tt.want[i] {
					t.Fatalf("At(%d) = %d, want %d", i, s.At(i).Stats.Visible, tt.want[i])
				}
			}
			if s.Len() != len(tt.want) {
				t.Errorf("Len = %d, want %d", s.Len(), len(tt.want))
			}
			last, ok := s.Last()
			if ok != (len(tt.want) > 0) {
				t.Fatalf("Last ok = %v with %d samples", ok, len(tt.want))
			}
			if ok && last.Stats.Visible != tt.want[len(tt.want)-1] {
				t.Errorf("Last = %d, want %d", last.Stats.Visible, tt.want[len(tt.want)-1])
			}
		})
	}
}

func TestSeriesCap(t *testing.T) {
	if got := NewSeries(60).Cap(); got != 60 {
		t.Fatalf("Cap = %d", got)
	}
}

func TestSeriesPointsIsACopy(t *testing.T) {
	s := NewSeries(2)
	s.Push(pt(0, 1))
	p := s.Points()
	p[0].Stats.Visible = 99
	if s.At(0).Stats.Visible != 1 {
		t.Fatal("Points shares the ring's storage")
	}
}

func TestSeriesRatePerMinute(t *testing.T) {
	visible := func(s QueueStats) int64 { return s.Visible }
	inFlight := func(s QueueStats) int64 { return s.InFlight }
	tests := []struct {
		name   string
		cap    int
		points []Point
		f      func(QueueStats) int64
		want   float64
	}{
		{name: "no samples", cap: 5, f: visible, want: 0},
		{name: "one sample", cap: 5, points: []Point{pt(0, 10)}, f: visible, want: 0},
		{name: "growing", cap: 5, points: []Point{pt(0, 10), pt(30, 20)}, f: visible, want: 20},
		{name: "draining", cap: 5, points: []Point{pt(0, 100), pt(60, 70), pt(120, 40)}, f: visible, want: -30},
		{name: "other field", cap: 5, points: []Point{pt(0, 10), pt(30, 20)}, f: inFlight, want: 40},
		{name: "same instant", cap: 5, points: []Point{pt(5, 1), pt(5, 9)}, f: visible, want: 0},
		{name: "clock went back", cap: 5, points: []Point{pt(10, 1), pt(5, 9)}, f: visible, want: 0},
		// After wrap-around the rate spans the samples still held: (9-6)/3s.
		{name: "after wrap", cap: 3, points: []Point{pt(0, 1000), pt(1, 5), pt(2, 6), pt(3, 7), pt(5, 9)}, f: visible, want: 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSeries(tt.cap)
			for _, p := range tt.points {
				s.Push(p)
			}
			if got := s.RatePerMinute(tt.f); got != tt.want {
				t.Fatalf("RatePerMinute = %v, want %v", got, tt.want)
			}
		})
	}
}

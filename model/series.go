package model

import "time"

// Point is one sample of a queue's depth.
type Point struct {
	At    time.Time
	Stats QueueStats
}

// Series is a fixed-size ring of depth samples, oldest first. The zero value
// is unusable; use NewSeries.
type Series struct {
	buf   []Point
	start int
	n     int
}

// NewSeries makes a ring that keeps the last capacity samples.
func NewSeries(capacity int) *Series {
	if capacity < 1 {
		capacity = 1
	}
	return &Series{buf: make([]Point, capacity)}
}

// Push appends a sample, dropping the oldest when full.
func (s *Series) Push(p Point) {
	if s.n < len(s.buf) {
		s.buf[(s.start+s.n)%len(s.buf)] = p
		s.n++
		return
	}
	s.buf[s.start] = p
	s.start = (s.start + 1) % len(s.buf)
}

// Len is the number of samples held.
func (s *Series) Len() int { return s.n }

// Cap is the number of samples the ring keeps.
func (s *Series) Cap() int { return len(s.buf) }

// At returns the i-th sample, 0 being the oldest.
func (s *Series) At(i int) Point { return s.buf[(s.start+i)%len(s.buf)] }

// Points copies the samples out, oldest first.
func (s *Series) Points() []Point {
	out := make([]Point, s.n)
	for i := range out {
		out[i] = s.At(i)
	}
	return out
}

// Last returns the newest sample and whether there is one.
func (s *Series) Last() (Point, bool) {
	if s.n == 0 {
		return Point{}, false
	}
	return s.At(s.n - 1), true
}

// RatePerMinute is the change of f between the oldest and newest sample,
// scaled to one minute. Zero with fewer than two samples or no elapsed time.
func (s *Series) RatePerMinute(f func(QueueStats) int64) float64 {
	if s.n < 2 {
		return 0
	}
	first, last := s.At(0), s.At(s.n-1)
	dt := last.At.Sub(first.At)
	if dt <= 0 {
		return 0
	}
	return float64(f(last.Stats)-f(first.Stats)) / dt.Minutes()
}

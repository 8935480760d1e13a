package model

import "testing"

func TestQueueStatsTotal(t *testing.T) {
	tests := []struct {
		s    QueueStats
		want int64
	}{
		{QueueStats{}, 0},
		{QueueStats{Visible: 5}, 5},
		{QueueStats{Visible: 5, InFlight: 3, Delayed: 2}, 10},
		{QueueStats{InFlight: 120000}, 120000},
	}
	for _, tt := range tests {
		if got := tt.s.Total(); got != tt.want {
			t.Errorf("%+v.Total() = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestQueueType(t *testing.T) {
	if got := (Queue{Type: FIFO}); !got.IsFIFO() || got.Type.String() != "FIFO" {
		t.Errorf("FIFO queue: IsFIFO=%v String=%q", got.IsFIFO(), got.Type)
	}
	if got := (Queue{}); got.IsFIFO() || got.Type.String() != "Standard" {
		t.Errorf("zero queue: IsFIFO=%v String=%q", got.IsFIFO(), got.Type)
	}
}

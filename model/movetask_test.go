package model

import "testing"

func TestMoveTaskFractionAndDone(t *testing.T) {
	tests := []struct {
		name         string
		task         MoveTask
		fraction     float64
		done, active bool
	}{
		{"just started", MoveTask{Status: TaskRunning, ToMove: 500}, 0, false, true},
		{"half way", MoveTask{Status: TaskRunning, Moved: 250, ToMove: 500}, 0.5, false, true},
		{"unknown total", MoveTask{Status: TaskRunning, Moved: 30}, 0, false, true},
		{"moved past the estimate", MoveTask{Status: TaskRunning, Moved: 510, ToMove: 500}, 1, false, true},
		{"completed under the estimate", MoveTask{Status: TaskCompleted, Moved: 498, ToMove: 500}, 1, true, false},
		{"completed empty", MoveTask{Status: TaskCompleted}, 1, true, false},
		{"cancelling", MoveTask{Status: TaskCancelling, Moved: 100, ToMove: 400}, 0.25, false, true},
		{"cancelled", MoveTask{Status: TaskCancelled, Moved: 100, ToMove: 400}, 0.25, true, false},
		{"failed", MoveTask{Status: TaskFailed, Moved: 1, ToMove: 4, FailureReason: "x"}, 0.25, true, false},
		{"unknown status", MoveTask{Status: "PAUSED", Moved: 1, ToMove: 2}, 0.5, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.task.Fraction(); got != tt.fraction {
				t.Errorf("Fraction() = %v, want %v", got, tt.fraction)
			}
			if got := tt.task.Done(); got != tt.done {
				t.Errorf("Done() = %v, want %v", got, tt.done)
			}
			if got := tt.task.Active(); got != tt.active {
				t.Errorf("Active() = %v, want %v", got, tt.active)
			}
		})
	}
}

func TestTaskOf(t *testing.T) {
	ts := []MoveTask{{Handle: "", Status: TaskCompleted}, {Handle: "h2", Status: TaskRunning}}
	if got, ok := TaskOf(ts, "h2"); !ok || got.Handle != "h2" {
		t.Errorf("by handle: %+v %v", got, ok)
	}
	if got, ok := TaskOf(ts, "gone"); !ok || got.Status != TaskCompleted {
		t.Errorf("a handle no longer reported falls back to the newest: %+v %v", got, ok)
	}
	if _, ok := TaskOf(nil, "h"); ok {
		t.Error("no task found in none")
	}
}

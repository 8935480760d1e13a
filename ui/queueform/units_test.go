package queueform

import "testing"

func TestLimitsParseHumanUnitsAndRefuseOutOfRange(t *testing.T) {
	for _, tt := range []struct {
		l    limit
		in   string
		want int
		err  string
	}{
		{visibility, "30", 30, ""},
		{visibility, "30s", 30, ""},
		{visibility, "5m", 300, ""},
		{visibility, "12h", 43200, ""},
		{visibility, "1h30m", 5400, ""},
		{visibility, " 2 m ", 120, ""},
		{visibility, "12h1s", 0, "must be 0s–12h"},
		{visibility, "-1", 0, `"-1" is not a number`},
		{visibility, "", 0, "needs a value, 0s–12h"},
		{visibility, "5x", 0, `unknown unit "x": use s, m, h or d`},
		{visibility, "99999999999999999999", 0, `"99999999999999999999" is too large`},
		{retention, "4d", 345600, ""},
		{retention, "14d", 1209600, ""},
		{retention, "15d", 0, "must be 1m–14d"},
		{retention, "59", 0, "must be 1m–14d"},
		{retention, "1m", 60, ""},
		{delay, "15m", 900, ""},
		{delay, "901", 0, "must be 0s–15m"},
		{receiveWait, "20", 20, ""},
		{receiveWait, "21s", 0, "must be 0s–20s"},
		{maxSize, "256k", 262144, ""},
		{maxSize, "1 MiB", 1 << 20, ""},
		{maxSize, "1023", 0, "must be 1 KiB–1 MiB"},
		{maxSize, "2m", 0, "must be 1 KiB–1 MiB"},
		{maxReceives, "5", 5, ""},
		{maxReceives, "0", 0, "must be 1–1000"},
		{maxReceives, "1001", 0, "must be 1–1000"},
		{maxReceives, "5s", 0, `unknown unit "s": type a whole number`},
	} {
		got, err := tt.l.parse(tt.in)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%s %q: error %v, want %q", tt.l.what, tt.in, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%s %q: %d, %v; want %d", tt.l.what, tt.in, got, err, tt.want)
		}
	}
}

func TestLimitsFormatAsTyped(t *testing.T) {
	for _, tt := range []struct {
		l    limit
		n    int
		want string
	}{
		{visibility, 30, "30s"}, {visibility, 0, "0s"}, {visibility, 90, "1m30s"}, {visibility, 5400, "1h30m"}, {retention, 90061, "1d1h1m1s"}, {visibility, 300, "5m"},
		{retention, 345600, "4d"}, {retention, 1209600, "14d"}, {visibility, 43200, "12h"},
		{maxSize, 262144, "256 KiB"}, {maxSize, 1 << 20, "1 MiB"}, {maxSize, 1500, "1500 B"},
		{maxReceives, 5, "5"},
	} {
		if got := tt.l.format(tt.n); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.l.what, tt.n, got, tt.want)
		}
		if back, err := tt.l.parse(tt.l.format(tt.n)); tt.n >= tt.l.min && (err != nil || back != tt.n) {
			t.Errorf("%s %d does not read back: %d, %v", tt.l.what, tt.n, back, err)
		}
	}
}

package awsclient

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sqscope/sqscope/model"
)

// queueFromAttrs fills a model.Queue from GetQueueAttributes(All). Missing
// attributes read as zero (emulators omit some); a malformed count sets Err,
// because a count shown as 0 that is really unknown would mislead. A
// malformed RedrivePolicy sets only RedriveErr: the counts are still good.
func queueFromAttrs(url string, attrs map[string]string, fetched time.Time) model.Queue {
	name := model.NameFromURL(url)
	q := model.Queue{
		Name:      name,
		URL:       url,
		ARN:       attrs["QueueArn"],
		Type:      typeFromName(name),
		Attrs:     attrs,
		FetchedAt: fetched,
	}
	if attrs["FifoQueue"] == "true" {
		q.Type = model.FIFO
	}
	p := attrParser{attrs: attrs}
	q.Stats = model.QueueStats{
		Visible:  p.int("ApproximateNumberOfMessages"),
		InFlight: p.int("ApproximateNumberOfMessagesNotVisible"),
		Delayed:  p.int("ApproximateNumberOfMessagesDelayed"),
	}
	q.Err = p.err
	// Settings and timestamps are informational, and emulators format them
	// differently (moto sends "1795774449.986654"), so they are read leniently.
	q.VisibilityTimeout = seconds(attrs["VisibilityTimeout"])
	q.RetentionPeriod = seconds(attrs["MessageRetentionPeriod"])
	q.DelaySeconds = seconds(attrs["DelaySeconds"])
	if s := seconds(attrs["CreatedTimestamp"]); s > 0 {
		q.CreatedAt = time.Unix(0, int64(s))
	}
	q.Redrive, q.RedriveErr = model.ParseRedrivePolicy(attrs["RedrivePolicy"])
	return q
}

func typeFromName(name string) model.QueueType {
	if strings.HasSuffix(name, ".fifo") {
		return model.FIFO
	}
	return model.Standard
}

// seconds reads a whole or fractional number of seconds; zero if malformed.
func seconds(raw string) time.Duration {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

// attrParser reads the message counts, keeping the first error.
type attrParser struct {
	attrs map[string]string
	err   error
}

func (p *attrParser) int(name string) int64 {
	raw, ok := p.attrs[name]
	if !ok || raw == "" {
		return 0
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("attribute %s: not a number: %q", name, raw)
	}
	return n
}

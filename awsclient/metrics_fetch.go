package awsclient

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"golang.org/x/sync/errgroup"

	"github.com/sqscope/sqscope/model"
)

// History reads queue's seven metrics over w in one call.
func (c *CloudWatch) History(ctx context.Context, queue string, w model.Window, now time.Time) (*model.History, error) {
	h := model.NewHistory(queue, w, now)
	start, end := w.Range(now)
	queries := make([]types.MetricDataQuery, model.MetricCount)
	for m := range model.MetricCount {
		queries[m] = metricQuery("m"+strconv.Itoa(int(m)), queue, m, w.Period())
	}
	err := c.getMetricData(ctx, queries, start, end, func(r types.MetricDataResult) {
		m, ok := queryIndex(r.Id, "m", int(model.MetricCount))
		if !ok {
			return // not one of ours: ignore rather than misplace it
		}
		for i, ts := range r.Timestamps {
			if i < len(r.Values) {
				h.Set(model.Metric(m), ts, r.Values[i])
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// OldestAges reads the ages in calls of MaxQueriesPerCall queues, a few
// at a time.
func (c *CloudWatch) OldestAges(ctx context.Context, queues []string, now time.Time) (model.Ages, error) {
	end := now.Truncate(time.Minute).Add(time.Minute)
	start := end.Add(-AgeLookback)
	ages := make(model.Ages, len(queues))
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cwConcurrency)
	var errs []error
	for lo := 0; lo < len(queues); lo += MaxQueriesPerCall {
		batch := queues[lo:min(lo+MaxQueriesPerCall, len(queues))]
		g.Go(func() error {
			queries := make([]types.MetricDataQuery, len(batch))
			for i, q := range batch {
				queries[i] = metricQuery("q"+strconv.Itoa(i), q, model.MetricOldestAge, time.Minute)
			}
			newest := make(map[int]model.Age, len(batch))
			err := c.getMetricData(gctx, queries, start, end, func(r types.MetricDataResult) {
				i, ok := queryIndex(r.Id, "q", len(batch))
				if !ok {
					return
				}
				for k, ts := range r.Timestamps {
					if k < len(r.Values) && (newest[i].At.IsZero() || ts.After(newest[i].At)) {
						newest[i] = model.Age{Oldest: time.Duration(r.Values[k] * float64(time.Second)), At: ts}
					}
				}
			})
			mu.Lock()
			defer mu.Unlock()
			for i, a := range newest {
				ages[batch[i]] = a
			}
			if err != nil {
				errs = append(errs, err)
			}
			// Unavailable is the same for every batch: stop the others.
			var ue *UnavailableError
			if errors.As(err, &ue) {
				return err
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return ages, err
	}
	return ages, errors.Join(errs...)
}

// metricQuery asks for one metric of one queue by its statistic.
func metricQuery(id, queue string, m model.Metric, period time.Duration) types.MetricDataQuery {
	return types.MetricDataQuery{
		Id: aws.String(id),
		MetricStat: &types.MetricStat{
			Metric: &types.Metric{
				Namespace:  aws.String(cwNamespace),
				MetricName: aws.String(m.Name()),
				Dimensions: []types.Dimension{{Name: aws.String(cwDimension), Value: aws.String(queue)}},
			},
			Period: aws.Int32(int32(period / time.Second)),
			Stat:   aws.String(m.Stat()),
		},
		ReturnData: aws.Bool(true),
	}
}

// queryIndex reads the number of a query id made of prefix and an index
// below n.
func queryIndex(id *string, prefix string, n int) (int, bool) {
	s, ok := strings.CutPrefix(aws.ToString(id), prefix)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil && i >= 0 && i < n
}

// getMetricData runs one GetMetricData request, every page of it, under
// the call timeout, handing each result to each. A queue's metrics may
// come back over several pages (CloudWatch pages by data points, not by
// query); they are all handed over.
func (c *CloudWatch) getMetricData(ctx context.Context, queries []types.MetricDataQuery, start, end time.Time,
	each func(types.MetricDataResult)) error {
	if len(queries) > MaxQueriesPerCall {
		return fmt.Errorf("GetMetricData: %d queries, at most %d in one call", len(queries), MaxQueriesPerCall)
	}
	cctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancel()
	in := &cloudwatch.GetMetricDataInput{
		MetricDataQueries: queries,
		StartTime:         aws.Time(start),
		EndTime:           aws.Time(end),
		ScanBy:            types.ScanByTimestampAscending,
	}
	p := cloudwatch.NewGetMetricDataPaginator(c.api, in)
	for p.HasMorePages() {
		page, err := p.NextPage(cctx)
		if err != nil {
			if ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) {
				err = &TimeoutError{After: c.cfg.CallTimeout, Err: err}
			}
			return classifyCloudWatch(err)
		}
		for _, r := range page.MetricDataResults {
			each(r)
		}
	}
	return nil
}

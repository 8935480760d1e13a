package conformance

import (
	"net/http/httptest"

	"github.com/sqscope/sqscope/localsqs"
)

// localsqsLacks is empty on purpose: localsqs is held to everything the suite
// asserts. A failing case is a bug in localsqs, never a reason to add a gap.
var localsqsLacks = map[feature]string{}

func init() {
	starters = append(starters, func() (*target, func(), error) {
		// One server for the whole run, shared by all cases as a real
		// endpoint would be; unique queue names keep the cases apart.
		srv := localsqs.New(localsqs.Options{Region: "us-east-1", AccountID: "000000000000"})
		hs := httptest.NewServer(srv)
		cleanup := func() {
			srv.Close() // first, so a pending long poll cannot hold hs.Close
			hs.Close()
		}
		return &target{name: "localsqs", endpoint: hs.URL, lacks: localsqsLacks}, cleanup, nil
	})
}

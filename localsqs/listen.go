package localsqs

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// readTimeout bounds reading a whole request, so a client that stalls
// mid-body cannot hold a handler forever. It does not limit long polls:
// net/http clears the deadline once the body has been read. A variable so
// tests can shorten it.
var readTimeout = 60 * time.Second

// ListenAndServe serves s on addr (e.g. "127.0.0.1:0") until ctx is
// cancelled. It returns once listening, with the base URL
// ("http://127.0.0.1:PORT") and a wait function that blocks until the server
// has stopped. Cancelling ctx also closes s.
func ListenAndServe(ctx context.Context, addr string, s *Server) (url string, wait func() error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: readTimeout}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	done := make(chan error, 1)
	go func() {
		var err error
		select {
		case <-ctx.Done():
			// Close first so long polls return and Shutdown need not wait
			// for them.
			s.Close()
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = srv.Shutdown(sctx)
			cancel()
			if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
				err = serr
			}
		case err = <-served:
			s.Close()
		}
		done <- err
	}()
	var once sync.Once
	var result error
	wait = func() error {
		once.Do(func() { result = <-done })
		return result
	}
	return "http://" + ln.Addr().String(), wait, nil
}

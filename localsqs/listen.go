package localsqs

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
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
//
// On every interface (":9324", "0.0.0.0:9324") the URL names 127.0.0.1,
// which reaches it from this machine. Unless Options.BaseURL was set, the
// URL is also what QueueUrls start with.
func ListenAndServe(ctx context.Context, addr string, s *Server) (url string, wait func() error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	url = dialableURL(ln.Addr())
	if s.opts.BaseURL == "" {
		s.base.Store(&url)
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
	return url, wait, nil
}

// dialableURL is the http URL of a listening address, with an unspecified
// host (every interface) replaced by the loopback address.
func dialableURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		// "::" takes IPv4 too (Go listens dual-stack), and 127.0.0.1 is
		// what a client on this machine is likeliest to use.
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

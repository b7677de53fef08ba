package ramtest

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"

	"github.com/seed-d76936c4/ram"
)

// The credentials every Server accepts, and that Server.Client signs with.
const (
	AccessKeyID     = "LTAI5tRamTestAccessKey"
	AccessKeySecret = "ramtest-access-key-secret"
)

// Server is a fake IMS endpoint on loopback. It is safe for concurrent use.
type Server struct {
	// URL is the endpoint, such as "http://127.0.0.1:40123".
	URL string

	srv *httptest.Server

	mu       sync.Mutex
	keys     map[string]key
	report   *ram.Report // served when set
	body     []byte      // served as it is when report is nil
	faults   []Fault
	random   *randomFault
	rng      *rand.Rand
	skew     time.Duration
	nonces   map[string]time.Time
	requests []Request
}

// randomFault is a fault given to a share of the requests.
type randomFault struct {
	p     float64
	fault Fault
}

// key is one accepted credential.
type key struct {
	secret, token string
}

// Option configures a Server.
type Option func(*Server)

// WithAccessKey makes the server accept another AccessKey pair.
func WithAccessKey(id, secret string) Option {
	return func(s *Server) { s.keys[id] = key{secret: secret} }
}

// WithSTSToken makes the server accept STS credentials: requests signed with
// id must carry the token.
func WithSTSToken(id, secret, token string) Option {
	return func(s *Server) { s.keys[id] = key{secret: secret, token: token} }
}

// NewServer starts a server that serves ExampleReport. Close it when done.
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	s.Start()
	return s
}

// NewUnstartedServer returns a server that is not listening yet, so that a
// test can change its Config before calling Start.
func NewUnstartedServer(opts ...Option) *Server {
	s := &Server{
		keys:   map[string]key{AccessKeyID: {secret: AccessKeySecret}},
		nonces: map[string]time.Time{},
		rng:    rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}
	for _, opt := range opts {
		opt(s)
	}
	s.SetReport(ExampleReport())
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// Start starts a server from NewUnstartedServer and sets URL.
func (s *Server) Start() {
	s.srv.Start()
	s.URL = s.srv.URL
}

// Close shuts the server down and waits for its requests to finish.
func (s *Server) Close() { s.srv.Close() }

// Config returns the underlying *http.Server, for tests that watch
// connections (ConnState) or change its timeouts before Start.
func (s *Server) Config() *http.Server { return s.srv.Config }

// Client returns a ram.Client pointed at the server and signing with
// AccessKeyID and AccessKeySecret; opts are applied after those, so they can
// replace the credentials.
func (s *Server) Client(opts ...ram.Option) (*ram.Client, error) {
	base := []ram.Option{ram.WithEndpoint(s.URL), ram.WithAccessKey(AccessKeyID, AccessKeySecret)}
	return ram.NewClient(append(base, opts...)...)
}

// SetReport makes the server answer with r; fields r marks missing are left
// out of the body. An empty RequestID gets a fresh one per request. A nil r
// serves ExampleReport again.
func (s *Server) SetReport(r *ram.Report) {
	if r == nil {
		r = ExampleReport()
	}
	cp := *r
	s.mu.Lock()
	defer s.mu.Unlock()
	s.report, s.body = &cp, nil
}

// SetReportBody makes the server answer successful calls with body as it
// is, for tests of malformed or partial responses. The x-acs-request-id
// header still carries a fresh request ID.
func (s *Server) SetReportBody(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.report, s.body = nil, slices.Clone(body)
}

// FailNext makes the next n requests that pass the server's checks (the
// signature, the timestamp, the nonce) get f instead of the report.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, f)
	}
}

// FailRandomly gives f to each request that passes the server's checks
// with probability p (0 to 1), once the faults of FailNext are used up. A p
// of 0 stops it.
func (s *Server) FailRandomly(p float64, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.random = nil
	if p > 0 {
		s.random = &randomFault{p: p, fault: f}
	}
}

// SetClockSkew sets the server's clock d away from the local clock: it
// checks x-acs-date against that clock and sends it in the Date header, as a
// service whose clock differs from the client's would.
func (s *Server) SetClockSkew(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.skew = d
}

// now is the server's clock. The caller holds s.mu.
func (s *Server) now() time.Time { return time.Now().Add(s.skew) }

// Requests returns the requests the server has seen, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Request is what the server saw of one request and how it answered. A
// request still being answered (held back by Fault.Delay) has Status 0.
type Request struct {
	// Received is when the request arrived.
	Received time.Time
	// Method and Host are as sent.
	Method, Host string
	// Header is a copy of the request headers.
	Header http.Header
	// AccessKeyID is the key named in the Authorization header.
	AccessKeyID string
	// SignedHeaders are the header names the signature covers.
	SignedHeaders []string
	// Status is the HTTP status the server answered with.
	Status int
	// Code is the error code answered, empty on success; for the faults
	// that send no error code it is "connection reset", "truncated" or
	// "client gave up during Delay".
	Code string
	// RequestID is the request ID the server gave the answer.
	RequestID string
}

// ExampleReport returns the report of the API reference's example response.
func ExampleReport() *ram.Report {
	return &ram.Report{
		RequestID: "ABA822EE-85C2-4418-9577-A1831FC8466D",
		AccountSecurityPracticeInfo: ram.PracticeInfo{
			Score: 63,
			UserInfo: ram.UserInfo{
				RootWithAccessKey: 1,
				SubUser:           9,
				SubUserPwdLevel:   ram.PasswordLevelLow,
			},
		},
	}
}

package ramtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRequestBody bounds the request body the server reads.
const maxRequestBody = 1 << 20

// hostID is the HostId of every error body.
const hostID = "ims.aliyuncs.com"

// serveHTTP checks a request as the service does and answers it.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
	if err != nil {
		http.Error(w, "reading request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	rec := Request{
		Received: time.Now(),
		Method:   r.Method,
		Host:     r.Host,
		Header:   r.Header.Clone(),
	}

	s.mu.Lock()
	now := s.now()
	auth, fault := s.verify(r, body, now)
	rec.AccessKeyID, rec.SignedHeaders = auth.accessKeyID, auth.signedHeaders
	if fault == nil {
		fault = s.nextFault()
	}
	success := s.successBody()
	idx := len(s.requests)
	s.requests = append(s.requests, rec) // in arrival order; completed below
	s.mu.Unlock()
	record := func(rec Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests[idx] = rec
	}

	w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
	a := answer{w: w, r: r, rec: rec, requestID: newRequestID()}
	if fault == nil {
		record(a.success(success))
		return
	}
	f := fault.resolved()
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			a.rec.Code = "client gave up during Delay"
			record(a.rec)
			return
		}
	}
	switch {
	case fault.onlyDelay():
		record(a.success(success))
	case f.Reset:
		record(a.reset())
	case f.Truncate:
		record(a.truncated(success))
	default:
		record(a.fault(f))
	}
}

// nextFault takes the next queued fault, or draws a random one. The caller
// holds s.mu.
func (s *Server) nextFault() *Fault {
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		return &f
	}
	if s.random != nil && s.rng.Float64() < s.random.p {
		f := s.random.fault
		return &f
	}
	return nil
}

// successBody returns the body of a successful answer. The caller holds
// s.mu.
func (s *Server) successBody() func(requestID string) ([]byte, string) {
	report, raw := s.report, s.body
	return func(requestID string) ([]byte, string) {
		if report == nil {
			return raw, requestID
		}
		rep := *report
		if rep.RequestID == "" {
			rep.RequestID = requestID
		}
		body, _ := json.Marshal(rep) // Report.MarshalJSON does not fail
		return body, rep.RequestID
	}
}

// answer writes one response and completes its record.
type answer struct {
	w         http.ResponseWriter
	r         *http.Request
	rec       Request
	requestID string
}

func (a answer) success(body func(string) ([]byte, string)) Request {
	b, id := body(a.requestID)
	h := a.w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("x-acs-request-id", headerSafe(id, a.requestID))
	a.w.WriteHeader(http.StatusOK)
	_, _ = a.w.Write(b)
	a.rec.Status, a.rec.RequestID = http.StatusOK, id
	return a.rec
}

// reset drops the connection with a TCP reset.
func (a answer) reset() Request {
	a.rec.Code = "connection reset"
	conn, _, err := http.NewResponseController(a.w).Hijack()
	if err != nil {
		return a.rec
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
	return a.rec
}

// truncated sends a successful answer's headers and half its body, then
// drops the connection.
func (a answer) truncated(body func(string) ([]byte, string)) Request {
	b, id := body(a.requestID)
	a.rec.Status, a.rec.Code, a.rec.RequestID = http.StatusOK, "truncated", id
	conn, buf, err := http.NewResponseController(a.w).Hijack()
	if err != nil {
		return a.rec
	}
	defer conn.Close()
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n" +
		"x-acs-request-id: " + id + "\r\nContent-Length: " + strconv.Itoa(len(b)) + "\r\n\r\n")
	_, _ = buf.Write(b[:len(b)/2])
	_ = buf.Flush()
	return a.rec
}

// fault writes an error answer: a redirect, the fault's raw body, or the
// service's JSON error body.
func (a answer) fault(f Fault) Request {
	a.rec.Status, a.rec.Code, a.rec.RequestID = f.Status, f.Code, a.requestID
	h := a.w.Header()
	h.Set("x-acs-request-id", a.requestID)
	if f.RetryAfter > 0 {
		h.Set("x-acs-retry-after", strconv.FormatInt(f.RetryAfter.Milliseconds(), 10))
	}
	if f.RetryAfterHeader != "" {
		h.Set("Retry-After", f.RetryAfterHeader)
	}
	switch {
	case f.Redirect != "":
		h.Set("Location", f.Redirect)
		a.w.WriteHeader(f.Status)
	case f.Body != nil:
		ct := f.ContentType
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		h.Set("Content-Type", ct)
		a.w.WriteHeader(f.Status)
		_, _ = a.w.Write(f.Body)
	default:
		h.Set("Content-Type", "application/json;charset=utf-8")
		a.w.WriteHeader(f.Status)
		_ = json.NewEncoder(a.w).Encode(struct {
			RequestID string `json:"RequestId"`
			HostID    string `json:"HostId"`
			Code      string `json:"Code"`
			Message   string `json:"Message"`
			Recommend string `json:"Recommend"`
		}{a.requestID, hostID, f.Code, f.Message,
			"https://api.aliyun.com/troubleshoot?q=" + f.Code + "&product=Ims&requestId=" + a.requestID})
	}
	return a.rec
}

// newRequestID returns a request ID shaped like the service's.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// headerSafe returns id when it can travel in a header, else fallback: a
// report may carry any RequestId in its body.
func headerSafe(id, fallback string) string {
	for _, r := range id {
		if r < ' ' || r > '~' {
			return fallback
		}
	}
	return id
}

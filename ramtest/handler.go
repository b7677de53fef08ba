package ramtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
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
	requestID := newRequestID()

	s.mu.Lock()
	auth, fault := s.verify(r, body)
	rec.AccessKeyID, rec.SignedHeaders = auth.accessKeyID, auth.signedHeaders
	if fault == nil && len(s.faults) > 0 {
		fault = &s.faults[0]
		s.faults = s.faults[1:]
	}
	report, success := s.report, s.body
	s.mu.Unlock()

	if fault != nil {
		f := fault.resolved()
		rec.Status, rec.Code, rec.RequestID = f.Status, f.Code, requestID
		s.record(rec)
		writeFault(w, f, requestID)
		return
	}
	if report != nil {
		rep := *report
		if rep.RequestID == "" {
			rep.RequestID = requestID
		}
		requestID = rep.RequestID
		success, _ = json.Marshal(rep) // Report.MarshalJSON does not fail
	}
	rec.Status, rec.RequestID = http.StatusOK, requestID
	s.record(rec)
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-acs-request-id", requestID)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(success)
}

func (s *Server) record(rec Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, rec)
}

// writeFault writes an error answer: the service's JSON error body, or the
// fault's raw body.
func writeFault(w http.ResponseWriter, f Fault, requestID string) {
	h := w.Header()
	h.Set("x-acs-request-id", requestID)
	if f.RetryAfter > 0 {
		h.Set("x-acs-retry-after", strconv.FormatInt(f.RetryAfter.Milliseconds(), 10))
	}
	if f.Body != nil {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		h.Set("Content-Type", ct)
		w.WriteHeader(f.Status)
		_, _ = w.Write(f.Body)
		return
	}
	h.Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(f.Status)
	_ = json.NewEncoder(w).Encode(struct {
		RequestID string `json:"RequestId"`
		HostID    string `json:"HostId"`
		Code      string `json:"Code"`
		Message   string `json:"Message"`
		Recommend string `json:"Recommend"`
	}{requestID, hostID, f.Code, f.Message,
		"https://api.aliyun.com/troubleshoot?q=" + f.Code + "&product=Ims&requestId=" + requestID})
}

// newRequestID returns a request ID shaped like the service's.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

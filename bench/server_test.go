package bench

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// exampleBody is the API reference's example response, as served.
var exampleBody = func() []byte {
	b, err := os.ReadFile("../testdata/report-example.json")
	if err != nil {
		panic(err)
	}
	return b
}()

// newServer starts the loopback server every benchmark calls: it answers a
// signed POST with the example report, and anything else with 400, so that
// a benchmark that stopped signing would fail rather than look fast.
func newServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Authorization"), "ACS3-HMAC-SHA256 ") ||
			r.Header.Get("x-acs-action") != "GetAccountSecurityPracticeReport" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		h := w.Header()
		h["Content-Type"] = []string{"application/json;charset=utf-8"}
		h["X-Acs-Request-Id"] = []string{"ABA822EE-85C2-4418-9577-A1831FC8466D"}
		_, _ = w.Write(exampleBody)
	}))
	b.Cleanup(srv.Close)
	return srv
}

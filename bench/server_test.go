package bench

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/seed-d76936c4/ram"
)

// exampleBody is the API reference's example response, as served.
var exampleBody = func() []byte {
	b, err := os.ReadFile("../testdata/report-example.json")
	if err != nil {
		panic(err)
	}
	return b
}()

// benchSecret is the AccessKey secret of every benchmark's client.
const benchSecret = "benchmark-secret"

// newServer starts the loopback server every benchmark calls: it checks
// the signature of each request and answers a valid one with the example
// report and anything else with 403, so that a benchmark that stopped
// signing right would fail rather than look fast.
func newServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("x-acs-action") != "GetAccountSecurityPracticeReport" || !validSignature(r) {
			w.WriteHeader(http.StatusForbidden)
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

// validSignature checks the ACS3-HMAC-SHA256 signature of r against
// benchSecret.
func validSignature(r *http.Request) bool {
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), ram.SignatureAlgorithm+" ")
	if !ok {
		return false
	}
	var names, sig string
	for part := range strings.SplitSeq(auth, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "SignedHeaders":
			names = v
		case "Signature":
			sig = v
		}
	}
	signed := http.Header{}
	for _, name := range strings.Split(names, ";") {
		if name == "host" {
			signed[name] = []string{r.Host}
		} else {
			signed[name] = r.Header.Values(name)
		}
	}
	canonical, _ := ram.CanonicalRequest(r.Method, r.URL.Path, r.URL.Query(), signed, r.Header.Get("x-acs-content-sha256"))
	return ram.Signature(benchSecret, ram.StringToSign(canonical)) == sig
}

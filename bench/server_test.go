package bench

import (
	"os"
	"testing"

	"github.com/seed-d76936c4/ram/ramtest"
)

// The AccessKey every benchmark's client signs with.
const (
	benchKeyID  = "LTAIbenchmark"
	benchSecret = "benchmark-secret"
)

// exampleBody is the API reference's example response, as served.
var exampleBody = func() []byte {
	b, err := os.ReadFile("../testdata/report-example.json")
	if err != nil {
		panic(err)
	}
	return b
}()

// newServer starts the loopback server every benchmark calls: the fake
// endpoint, which checks the signature, timestamp and nonce of each request
// as the service does and answers a valid one with the example report, so
// that a benchmark that stopped signing right would fail rather than look
// fast.
func newServer(b *testing.B) *ramtest.Server {
	b.Helper()
	srv := ramtest.NewServer(ramtest.WithAccessKey(benchKeyID, benchSecret))
	srv.SetReportBody(exampleBody)
	b.Cleanup(srv.Close)
	return srv
}

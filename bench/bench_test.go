package bench

import (
	"context"
	"runtime"
	"testing"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/openapi"
)

// parallelCallers is how many goroutines the Parallel benchmarks run.
const parallelCallers = 16

// callers builds the four ways of making the call against one server.
func callers(b *testing.B) map[string]func(context.Context) error {
	srv := newServer(b)
	ours, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey(benchKeyID, benchSecret))
	if err != nil {
		b.Fatal(err)
	}
	tr, err := openapi.NewTransport(officialConfig(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	adapter, err := ram.NewClient(ram.WithTransport(tr))
	if err != nil {
		b.Fatal(err)
	}
	official := newOfficialCaller(srv.URL)
	floor := newFloorClient(srv.URL)

	check := func(score int) error {
		if score != 63 {
			b.Fatalf("score %d, want 63", score)
		}
		return nil
	}
	return map[string]func(context.Context) error{
		"Ours": func(ctx context.Context) error {
			rep, err := ours.GetAccountSecurityPracticeReport(ctx)
			if err != nil {
				return err
			}
			return check(rep.AccountSecurityPracticeInfo.Score)
		},
		"OursViaOpenAPI": func(ctx context.Context) error {
			rep, err := adapter.GetAccountSecurityPracticeReport(ctx)
			if err != nil {
				return err
			}
			return check(rep.AccountSecurityPracticeInfo.Score)
		},
		"Official": func(ctx context.Context) error {
			resp, err := official.get(ctx)
			if err != nil {
				return err
			}
			return check(int(*resp.Body.AccountSecurityPracticeInfo.Score))
		},
		"Floor": func(ctx context.Context) error {
			rep, err := floor.get(ctx)
			if err != nil {
				return err
			}
			return check(rep.AccountSecurityPracticeInfo.Score)
		},
	}
}

// order is the order the sub-benchmarks run and print in.
var order = []string{"Floor", "Ours", "OursViaOpenAPI", "Official"}

func BenchmarkCall(b *testing.B) {
	calls := callers(b)
	for _, name := range order {
		call := calls[name]
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			if err := call(ctx); err != nil { // warm the connection
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := call(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCallParallel(b *testing.B) {
	calls := callers(b)
	for _, name := range order {
		call := calls[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism((parallelCallers + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					if err := call(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

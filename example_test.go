package ram_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func ExampleNewClient() {
	// With no option, credentials come from the default chain, such as
	// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.
	client, err := ram.NewClient(
		ram.WithTimeouts(ram.Timeouts{Attempt: 10 * time.Second}),
		ram.WithUserAgent("my-scanner/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client)
	// Output: ram.Client{endpoint: https://ims.aliyuncs.com/}
}

func ExampleClient_GetAccountSecurityPracticeReport() {
	// A fake endpoint stands in for ims.aliyuncs.com; it serves the API
	// reference's example report.
	srv := ramtest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	rep, err := client.GetAccountSecurityPracticeReport(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	info := rep.AccountSecurityPracticeInfo
	fmt.Println("request:", rep.RequestID)
	fmt.Println("score:", info.Score)
	fmt.Println("root AccessKeys:", info.UserInfo.RootWithAccessKey)
	fmt.Println("RAM users with MFA:", info.UserInfo.SubUserBindMFA, "of", info.UserInfo.SubUser)
	fmt.Println("password policy:", info.UserInfo.SubUserPwdLevel)
	// Output:
	// request: ABA822EE-85C2-4418-9577-A1831FC8466D
	// score: 63
	// root AccessKeys: 1
	// RAM users with MFA: 0 of 9
	// password policy: low
}

func ExampleAPIError() {
	srv := ramtest.NewServer()
	defer srv.Close()
	// Throttle more requests than the client's three attempts.
	srv.FailNext(3, ramtest.Fault{Code: "Throttling.User"})
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.GetAccountSecurityPracticeReport(context.Background())
	var apiErr *ram.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("status:", apiErr.StatusCode)
		fmt.Println("code:", apiErr.Code)
		fmt.Println("has request ID:", apiErr.RequestID != "")
		fmt.Println("throttled:", ram.IsThrottling(err))
	}
	var callErr *ram.CallError
	if errors.As(err, &callErr) {
		fmt.Println("attempts:", callErr.Attempts)
	}
	// Output:
	// status: 400
	// code: Throttling.User
	// has request ID: true
	// throttled: true
	// attempts: 3
}

func ExampleReport_Missing() {
	srv := ramtest.NewServer()
	defer srv.Close()
	partial := ramtest.ExampleReport()
	partial.SetMissing(ram.FieldRootWithAccessKey)
	srv.SetReport(partial)
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	rep, err := client.GetAccountSecurityPracticeReport(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range rep.Missing() {
		fmt.Println("not in the response:", f.Name())
	}
	if !rep.Has(ram.FieldRootWithAccessKey) {
		fmt.Println("root AccessKeys: unknown")
	}
	// Output:
	// not in the response: RootWithAccessKey
	// root AccessKeys: unknown
}

// metrics is a middleware that counts attempts by HTTP status: the place to
// add tracing spans or latency histograms.
type metrics struct {
	mu       sync.Mutex
	byStatus map[int]int
}

func (m *metrics) middleware(next http.RoundTripper) http.RoundTripper {
	return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := next.RoundTrip(r)
		if err == nil {
			m.mu.Lock()
			m.byStatus[resp.StatusCode]++
			m.mu.Unlock()
		}
		return resp, err
	})
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func ExampleWithMiddleware() {
	srv := ramtest.NewServer()
	defer srv.Close()
	srv.FailNext(2, ramtest.Fault{Code: "ServiceUnavailable"})

	m := &metrics{byStatus: map[int]int{}}
	client, err := srv.Client(
		ram.WithMiddleware(m.middleware),
		ram.WithRetryPolicy(ram.RetryPolicy{BaseDelay: time.Millisecond}),
	)
	if err != nil {
		log.Fatal(err)
	}
	rep, err := client.GetAccountSecurityPracticeReport(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("score:", rep.AccountSecurityPracticeInfo.Score)
	fmt.Println("attempts answered 503:", m.byStatus[503])
	fmt.Println("attempts answered 200:", m.byStatus[200])
	// Output:
	// score: 63
	// attempts answered 503: 2
	// attempts answered 200: 1
}

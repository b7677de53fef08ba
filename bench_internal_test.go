package ram

import (
	"context"
	"net/url"
	"os"
	"testing"
	"time"
)

// BenchmarkDecode measures decoding the API reference's example alone.
func BenchmarkDecode(b *testing.B) {
	body, err := os.ReadFile("testdata/report-example.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for range b.N {
		if _, err := decodeReport(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSign measures building and signing one request alone.
func BenchmarkSign(b *testing.B) {
	for _, tt := range []struct {
		name string
		key  accessKey
	}{
		{"AccessKey", accessKey{id: "LTAIbenchmark", secret: "benchmark-secret"}},
		{"STS", accessKey{id: "STS.benchmark", secret: "benchmark-secret", token: "benchmark-security-token"}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			u, _ := url.Parse("https://ims.aliyuncs.com/")
			rb, err := newRequestBuilder(u, defaultUserAgent)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			now := time.Now()
			b.ReportAllocs()
			for range b.N {
				_ = rb.build(ctx, tt.key, now, "3156853299f313e23d1673dc12e1703d")
			}
		})
	}
}

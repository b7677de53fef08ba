// Package bench holds the benchmarks that compare this module's client with
// the official OpenAPI transport and with a bare net/http floor, all against
// one loopback server. See README.md for how to run them and the numbers.
package bench

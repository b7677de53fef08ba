package ram

import (
	"errors"
	"sync"
)

// RetryBudget bounds the retries of all calls of a Client together, so that
// when the service is failing, retries stop multiplying the load. Each
// retry spends RetryCost tokens, each successful call earns one back, up to
// Tokens. First attempts never need a token.
type RetryBudget struct {
	// Tokens is the size of the bucket, and its content at the start.
	// Default 100.
	Tokens int
	// RetryCost is what one retry spends. Default 5.
	RetryCost int
}

// DefaultRetryBudget returns the budget of a client built without
// WithRetryBudget: 100 tokens, 5 a retry, so 20 retries in a row at most
// before successes refill it.
func DefaultRetryBudget() RetryBudget { return RetryBudget{Tokens: 100, RetryCost: 5} }

// validate checks the budget's numbers.
func (b RetryBudget) validate() error {
	if b.Tokens < 0 || b.RetryCost < 0 {
		return errors.New("WithRetryBudget: tokens and retry cost must not be negative")
	}
	return nil
}

// tokenBucket is the live budget of one Client.
type tokenBucket struct {
	mu       sync.Mutex
	tokens   int
	capacity int
	cost     int
}

func newTokenBucket(b RetryBudget) *tokenBucket {
	d := DefaultRetryBudget()
	if b.Tokens == 0 {
		b.Tokens = d.Tokens
	}
	if b.RetryCost == 0 {
		b.RetryCost = d.RetryCost
	}
	return &tokenBucket{tokens: b.Tokens, capacity: b.Tokens, cost: b.RetryCost}
}

// takeRetry spends the cost of one retry, if the bucket holds it.
func (t *tokenBucket) takeRetry() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tokens < t.cost {
		return false
	}
	t.tokens -= t.cost
	return true
}

// succeeded earns one token back.
func (t *tokenBucket) succeeded() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tokens < t.capacity {
		t.tokens++
	}
}

package ram

// DecodeReport exposes the client's body decoder to the external tests.
var DecodeReport = decodeReport

// SetNonceSource replaces the nonce source of c, for tests of nonce reuse.
func SetNonceSource(c *Client, next func() string) { c.nonce = next }

// CredentialWaiters returns how many calls of c wait for a credential fetch.
func CredentialWaiters(c *Client) int {
	if s, ok := c.creds.(*chainSource); ok {
		return int(s.waiting.Load())
	}
	return 0
}

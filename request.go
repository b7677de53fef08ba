package ram

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// dateLayout is the x-acs-date format: ISO 8601 in UTC.
const dateLayout = "2006-01-02T15:04:05Z"

// The signed header lists of the client's requests, sorted.
const (
	signedHeadersAK  = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
	signedHeadersSTS = "host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
)

// requestBuilder makes the signed requests of one client. It produces the
// same canonical request as CanonicalRequest, but for the one request this
// client sends: what is fixed is computed once, the rest is appended into
// stack buffers, and HMAC states are reused per secret.
type requestBuilder struct {
	template *http.Request // method, URL and empty body; no header
	host     string
	// Header values shared, read-only, by every request.
	action, version, payloadHash, userAgent []string
	macs                                    sync.Pool // of *macState
}

// macState is an HMAC-SHA256 keyed with one secret, with the buffers of one
// signature.
type macState struct {
	secret string
	h      hash.Hash
	toSign [len(SignatureAlgorithm) + 1 + 2*sha256.Size]byte
	sum    [sha256.Size]byte
}

func newRequestBuilder(u *url.URL, userAgent string) (*requestBuilder, error) {
	tmpl, err := http.NewRequest(http.MethodPost, u.String(), http.NoBody)
	if err != nil {
		return nil, err
	}
	tmpl.Header = nil
	return &requestBuilder{
		template:    tmpl,
		host:        tmpl.Host,
		action:      []string{Action},
		version:     []string{APIVersion},
		payloadHash: []string{EmptyPayloadHash},
		userAgent:   []string{userAgent},
	}, nil
}

// build returns the request signed with key at now with nonce.
func (b *requestBuilder) build(ctx context.Context, key accessKey, now time.Time, nonce string) *http.Request {
	var dateBuf [len(dateLayout)]byte
	date := string(now.UTC().AppendFormat(dateBuf[:0], dateLayout))
	id, token := strings.TrimSpace(key.id), strings.TrimSpace(key.token)
	sts := token != ""

	canonical := make([]byte, 0, 512)
	canonical = append(canonical, "POST\n/\n\nhost:"...)
	canonical = append(canonical, b.host...)
	if sts {
		canonical = append(canonical, "\nx-acs-accesskey-id:"...)
		canonical = append(canonical, id...)
	}
	canonical = append(canonical, "\nx-acs-action:"+Action+"\nx-acs-content-sha256:"+EmptyPayloadHash+"\nx-acs-date:"...)
	canonical = append(canonical, date...)
	if sts {
		canonical = append(canonical, "\nx-acs-security-token:"...)
		canonical = append(canonical, token...)
	}
	canonical = append(canonical, "\nx-acs-signature-nonce:"...)
	canonical = append(canonical, strings.TrimSpace(nonce)...)
	canonical = append(canonical, "\nx-acs-version:"+APIVersion+"\n\n"...)
	signed := signedHeadersAK
	if sts {
		signed = signedHeadersSTS
	}
	canonical = append(canonical, signed...)
	canonical = append(canonical, "\n"+EmptyPayloadHash...)

	auth := make([]byte, 0, 256)
	auth = append(auth, SignatureAlgorithm+" Credential="...)
	auth = append(auth, key.id...)
	auth = append(auth, ",SignedHeaders="...)
	auth = append(auth, signed...)
	auth = append(auth, ",Signature="...)
	auth = b.sign(auth, key.secret, canonical)

	values := new([5]string)
	values[0], values[1], values[2] = date, nonce, string(auth)
	h := make(http.Header, 9)
	h["X-Acs-Action"] = b.action
	h["X-Acs-Version"] = b.version
	h["X-Acs-Content-Sha256"] = b.payloadHash
	h["User-Agent"] = b.userAgent
	h["X-Acs-Date"] = values[0:1:1]
	h["X-Acs-Signature-Nonce"] = values[1:2:2]
	h["Authorization"] = values[2:3:3]
	if sts {
		// As the official OpenAPI stack does, STS requests also name the
		// AccessKey ID in a signed header.
		values[3], values[4] = key.id, key.token
		h["X-Acs-Accesskey-Id"] = values[3:4:4]
		h["X-Acs-Security-Token"] = values[4:5:5]
	}
	req := b.template.WithContext(ctx)
	req.Header = h
	return req
}

// sign appends to dst the hex signature of a canonical request: the
// HMAC-SHA256, keyed with secret, of the algorithm name and the hex SHA-256
// of the canonical request. Keyed states are reused per secret.
func (b *requestBuilder) sign(dst []byte, secret string, canonical []byte) []byte {
	st, _ := b.macs.Get().(*macState)
	if st == nil || st.secret != secret {
		st = &macState{secret: secret, h: hmac.New(sha256.New, []byte(secret))}
	} else {
		st.h.Reset()
	}
	copy(st.toSign[:], SignatureAlgorithm+"\n")
	sum := sha256.Sum256(canonical)
	hex.Encode(st.toSign[len(SignatureAlgorithm)+1:], sum[:])
	st.h.Write(st.toSign[:])
	dst = hex.AppendEncode(dst, st.h.Sum(st.sum[:0]))
	b.macs.Put(st)
	return dst
}

// newNonce returns 16 random bytes in hex, unique per request.
func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

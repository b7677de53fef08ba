package bench

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// floorReport is a plain struct for the floor's json.Unmarshal.
type floorReport struct {
	RequestID                   string `json:"RequestId"`
	AccountSecurityPracticeInfo struct {
		AccountSecurityPracticeUserInfo struct {
			UnusedAkNum                int    `json:"UnusedAkNum"`
			SubUserWithUnusedAccessKey int    `json:"SubUserWithUnusedAccessKey"`
			RootWithAccessKey          int    `json:"RootWithAccessKey"`
			SubUser                    int    `json:"SubUser"`
			BindMfa                    bool   `json:"BindMfa"`
			OldAkNum                   int    `json:"OldAkNum"`
			SubUserPwdLevel            string `json:"SubUserPwdLevel"`
			SubUserWithOldAccessKey    int    `json:"SubUserWithOldAccessKey"`
			SubUserBindMfa             int    `json:"SubUserBindMfa"`
		} `json:"AccountSecurityPracticeUserInfo"`
		Score int `json:"Score"`
	} `json:"AccountSecurityPracticeInfo"`
}

// floorClient is the naive floor: one hand-signed POST with a bare net/http
// client, and json.Unmarshal into a plain struct. No retries, no checks.
type floorClient struct {
	hc             *http.Client
	endpoint, host string
	id, secret     string
}

func newFloorClient(endpoint string) *floorClient {
	u, err := url.Parse(endpoint)
	if err != nil {
		panic(err)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32 // as many idle connections as our client keeps
	return &floorClient{hc: &http.Client{Transport: tr}, endpoint: endpoint + "/", host: u.Host,
		id: benchKeyID, secret: benchSecret}
}

func (f *floorClient) get(ctx context.Context) (*floorReport, error) {
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	headers := map[string]string{
		"host":                  f.host,
		"x-acs-action":          "GetAccountSecurityPracticeReport",
		"x-acs-version":         "2019-08-15",
		"x-acs-date":            time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"x-acs-signature-nonce": hex.EncodeToString(nonce[:]),
		"x-acs-content-sha256":  emptyHash,
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	var canon strings.Builder
	canon.WriteString("POST\n/\n\n")
	for _, k := range names {
		canon.WriteString(k + ":" + headers[k] + "\n")
	}
	signed := strings.Join(names, ";")
	canon.WriteString("\n" + signed + "\n" + emptyHash)
	sum := sha256.Sum256([]byte(canon.String()))
	mac := hmac.New(sha256.New, []byte(f.secret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])))

	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.endpoint, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range headers {
		if k != "host" {
			req.Header.Set(k, v)
		}
	}
	req.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+f.id+",SignedHeaders="+signed+",Signature="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := f.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	var rep floorReport
	if err := json.Unmarshal(body, &rep); err != nil {
		return nil, err
	}
	return &rep, nil
}

// Package ramtest runs a fake IMS endpoint for tests: it serves
// GetAccountSecurityPracticeReport on loopback, checks the signature of every
// request as the real service does, and answers with the report or the
// errors a test sets.
//
//	srv := ramtest.NewServer()
//	defer srv.Close()
//	client, err := srv.Client()
//	rep, err := client.GetAccountSecurityPracticeReport(ctx)
package ramtest

// Package findings turns a security report into findings: one per check,
// each with a severity, a status, the evidence it rests on, what to do about
// it and the CIS Alibaba Cloud Foundations Benchmark item it maps to.
//
// A check whose field the response did not carry is StatusUnknown, never
// StatusPass.
package findings

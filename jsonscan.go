package ram

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxNesting bounds how deep unknown values may nest, as encoding/json does.
const maxNesting = 10000

// scanner reads the JSON of one response body. It accepts exactly what
// encoding/json accepts, and reads only the values the report needs; other
// values are checked and skipped.
type scanner struct {
	data []byte
	off  int
}

// syntaxError reports malformed JSON at the current offset.
func (s *scanner) syntaxError(msg string) error {
	return fmt.Errorf("report is not valid JSON (at byte %d): %s", s.off, msg)
}

func (s *scanner) skipSpace() {
	for s.off < len(s.data) {
		switch s.data[s.off] {
		case ' ', '\t', '\n', '\r':
			s.off++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end of the input.
func (s *scanner) peek() byte {
	s.skipSpace()
	if s.off >= len(s.data) {
		return 0
	}
	return s.data[s.off]
}

// kind names the JSON value starting with c, for type errors.
func kind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// literal consumes the literal word (true, false, null).
func (s *scanner) literal(word string) error {
	if len(s.data)-s.off < len(word) || string(s.data[s.off:s.off+len(word)]) != word {
		return s.syntaxError("invalid literal")
	}
	s.off += len(word)
	return nil
}

// null consumes a null if one is next and reports whether it did.
func (s *scanner) null() (bool, error) {
	if s.peek() != 'n' {
		return false, nil
	}
	return true, s.literal("null")
}

// object reads an object, calling field for each key; field must consume
// the value. The key is decoded, and only valid during the call.
func (s *scanner) object(depth int, field func(key []byte) error) error {
	if depth > maxNesting {
		return s.syntaxError("nested too deeply")
	}
	if s.peek() != '{' {
		return s.syntaxError("want an object")
	}
	s.off++
	if s.peek() == '}' {
		s.off++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.syntaxError("want a string key")
		}
		key, err := s.key()
		if err != nil {
			return err
		}
		if s.peek() != ':' {
			return s.syntaxError("want ':' after a key")
		}
		s.off++
		if err := field(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.off++
		case '}':
			s.off++
			return nil
		default:
			return s.syntaxError("want ',' or '}' in an object")
		}
	}
}

// key reads an object key without copying it when it has no escapes.
func (s *scanner) key() ([]byte, error) {
	start := s.off
	end := start + 1
	for end < len(s.data) && s.data[end] != '"' && s.data[end] != '\\' && s.data[end] >= 0x20 && s.data[end] < 0x80 {
		end++
	}
	if end < len(s.data) && s.data[end] == '"' {
		s.off = end + 1
		return s.data[start+1 : end], nil
	}
	v, err := s.stringValue()
	return []byte(v), err
}

// stringValue reads a string. Invalid UTF-8 becomes U+FFFD, as with
// encoding/json.
func (s *scanner) stringValue() (string, error) {
	start := s.off
	s.off++ // the opening quote
	escaped := false
	for {
		if s.off >= len(s.data) {
			return "", s.syntaxError("unterminated string")
		}
		c := s.data[s.off]
		switch {
		case c == '"':
			s.off++
			raw := s.data[start:s.off]
			if escaped {
				var v string
				if err := json.Unmarshal(raw, &v); err != nil {
					s.off = start
					return "", s.syntaxError("invalid string escape")
				}
				return v, nil
			}
			inner := raw[1 : len(raw)-1]
			if utf8.Valid(inner) {
				return string(inner), nil
			}
			var v string
			_ = json.Unmarshal(raw, &v) // valid JSON: only the UTF-8 needs mending
			return v, nil
		case c == '\\':
			escaped = true
			s.off += 2
		case c < 0x20:
			return "", s.syntaxError("control character in a string")
		default:
			s.off++
		}
	}
}

// number consumes a JSON number and returns its text.
func (s *scanner) number() ([]byte, error) {
	start := s.off
	if s.off < len(s.data) && s.data[s.off] == '-' {
		s.off++
	}
	switch {
	case s.off < len(s.data) && s.data[s.off] == '0':
		s.off++
	case s.off < len(s.data) && '1' <= s.data[s.off] && s.data[s.off] <= '9':
		s.digits()
	default:
		return nil, s.syntaxError("invalid number")
	}
	if s.off < len(s.data) && s.data[s.off] == '.' {
		s.off++
		if s.digits() == 0 {
			return nil, s.syntaxError("invalid number")
		}
	}
	if s.off < len(s.data) && (s.data[s.off] == 'e' || s.data[s.off] == 'E') {
		s.off++
		if s.off < len(s.data) && (s.data[s.off] == '+' || s.data[s.off] == '-') {
			s.off++
		}
		if s.digits() == 0 {
			return nil, s.syntaxError("invalid number")
		}
	}
	return s.data[start:s.off], nil
}

// parseInt parses a JSON number's text as an int; fractions, exponents and
// values out of range are refused.
func parseInt(text []byte) (int, bool) {
	neg := len(text) > 0 && text[0] == '-'
	if neg {
		text = text[1:]
	}
	if len(text) == 0 {
		return 0, false
	}
	const limit = uint64(1) << (strconv.IntSize - 1) // |min int|
	var n uint64
	for _, c := range text {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if n > (limit-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	if !neg {
		if n >= limit {
			return 0, false
		}
		return int(n), true
	}
	return int(-n), true
}

func (s *scanner) digits() int {
	n := 0
	for s.off < len(s.data) && '0' <= s.data[s.off] && s.data[s.off] <= '9' {
		s.off++
		n++
	}
	return n
}

// skip consumes any value.
func (s *scanner) skip(depth int) error {
	switch c := s.peek(); c {
	case '{':
		return s.object(depth+1, func([]byte) error { return s.skip(depth + 1) })
	case '[':
		if depth+1 > maxNesting {
			return s.syntaxError("nested too deeply")
		}
		s.off++
		if s.peek() == ']' {
			s.off++
			return nil
		}
		for {
			if err := s.skip(depth + 1); err != nil {
				return err
			}
			switch s.peek() {
			case ',':
				s.off++
			case ']':
				s.off++
				return nil
			default:
				return s.syntaxError("want ',' or ']' in an array")
			}
		}
	case '"':
		_, err := s.stringValue()
		return err
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	case 0:
		if s.off < len(s.data) {
			return s.syntaxError("invalid character '\\x00'")
		}
		return s.syntaxError("unexpected end of JSON input")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			_, err := s.number()
			return err
		}
		return s.syntaxError("invalid character " + strconv.QuoteRune(rune(c)))
	}
}

// typeError describes a value of the wrong kind at a field path.
type typeError struct {
	path, want, got string
}

func (e *typeError) Error() string {
	return "report field " + e.path + ": want " + e.want + ", got " + e.got
}

// intValue reads an integer, or null (ok false). A value of another kind
// is consumed and reported as a typeError for path.
func (s *scanner) intValue(path string) (v int, ok bool, err error) {
	c := s.peek()
	switch {
	case c == 'n':
		return 0, false, s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		text, err := s.number()
		if err != nil {
			return 0, false, err
		}
		n, ok := parseInt(text)
		if !ok {
			return 0, false, &typeError{path, "integer", "number " + boundedLiteral(text)}
		}
		return n, true, nil
	default:
		return 0, false, s.wrongType(path, "integer", c)
	}
}

// boolValue reads a boolean, or null (ok false).
func (s *scanner) boolValue(path string) (v, ok bool, err error) {
	switch c := s.peek(); c {
	case 'n':
		return false, false, s.literal("null")
	case 't':
		return true, true, s.literal("true")
	case 'f':
		return false, true, s.literal("false")
	default:
		return false, false, s.wrongType(path, "boolean", c)
	}
}

// optString reads a string, or null (ok false).
func (s *scanner) optString(path string) (v string, ok bool, err error) {
	switch c := s.peek(); c {
	case 'n':
		return "", false, s.literal("null")
	case '"':
		v, err := s.stringValue()
		return v, err == nil, err
	default:
		return "", false, s.wrongType(path, "string", c)
	}
}

// wrongType checks and skips the value starting with c, then reports it as
// a typeError, unless it is malformed.
func (s *scanner) wrongType(path, want string, c byte) error {
	start := s.off
	if err := s.skip(0); err != nil {
		return err
	}
	got := kind(c)
	if got == "number" {
		got += " " + boundedLiteral(s.data[start:s.off])
	}
	return &typeError{path, want, got}
}

// boundedLiteral returns the start of a number's text for an error.
func boundedLiteral(text []byte) string {
	const maxLiteral = 32
	if len(text) > maxLiteral {
		text = text[:maxLiteral]
	}
	return string(text)
}

package localsqs

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
)

// A minimal STS on the same listener, so that sqscope's identity banner
// shows an account for the demo and for tests instead of "no identity":
// GetCallerIdentity only. aws-sdk-go-v2's STS client speaks the AWS Query
// protocol: a form-encoded POST / with Action=GetCallerIdentity and
// Version=2011-06-15 and no X-Amz-Target (which every SQS and CloudWatch
// JSON request has), answered with XML. The caller is the access key the
// request was signed with, as a user of this server's account.

// stsResponse is GetCallerIdentity's XML answer.
type stsResponse struct {
	XMLName xml.Name `xml:"GetCallerIdentityResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Account string   `xml:"GetCallerIdentityResult>Account"`
	Arn     string   `xml:"GetCallerIdentityResult>Arn"`
	UserID  string   `xml:"GetCallerIdentityResult>UserId"`
	ReqID   string   `xml:"ResponseMetadata>RequestId"`
}

// stsError is the Query protocol's error answer.
type stsError struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Type    string   `xml:"Error>Type"`
	Code    string   `xml:"Error>Code"`
	Message string   `xml:"Error>Message"`
}

// maxSTSRequest bounds an STS request body: GetCallerIdentity has no input.
const maxSTSRequest = 64 << 10

// serveSTS answers hr when it is an STS request and reports whether it
// was; anything else is left to the caller, its body unread.
func (s *Server) serveSTS(w http.ResponseWriter, hr *http.Request) bool {
	ct := hr.Header.Get("Content-Type")
	if hr.Method != http.MethodPost || hr.Header.Get("X-Amz-Target") != "" ||
		!strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return false
	}
	hr.Body = http.MaxBytesReader(w, hr.Body, maxSTSRequest)
	if err := hr.ParseForm(); err != nil {
		writeSTS(w, http.StatusBadRequest, stsError{Type: "Sender", Code: "MalformedQueryString", Message: err.Error()})
		return true
	}
	if action := hr.PostForm.Get("Action"); action != "GetCallerIdentity" {
		writeSTS(w, http.StatusBadRequest, stsError{Type: "Sender", Code: "InvalidAction",
			Message: "localsqs answers only the STS action GetCallerIdentity, not " + url.QueryEscape(action)})
		return true
	}
	akid := senderID(hr, s.opts.AccountID)
	writeSTS(w, http.StatusOK, stsResponse{
		Xmlns:   "https://sts.amazonaws.com/doc/2011-06-15/",
		Account: s.opts.AccountID,
		Arn:     "arn:aws:iam::" + s.opts.AccountID + ":user/" + akid,
		UserID:  akid,
		ReqID:   "00000000-0000-0000-0000-000000000000",
	})
	return true
}

func writeSTS(w http.ResponseWriter, status int, v any) {
	out, err := xml.Marshal(v)
	if err != nil {
		status, out = http.StatusInternalServerError, []byte("<ErrorResponse/>")
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	_, _ = w.Write(append([]byte(xml.Header), out...))
}

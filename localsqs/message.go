package localsqs

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// msgState is where a message is in its life cycle; each state has its own
// counter on the queue so the Approximate* attributes are O(1).
type msgState uint8

const (
	stDelayed  msgState = iota // waiting for DelaySeconds
	stVisible                  // receivable
	stInflight                 // received, waiting for its visibility timeout
	stGone                     // deleted, expired, purged or dead-lettered
)

// message is one stored message. A *message belongs to exactly one queue
// for its whole life: moving to another queue copies it, because the
// queue's indexes refer to the pointer.
type message struct {
	id       string
	body     string
	attrs    map[string]attrValue
	sysAttrs map[string]attrValue // AWSTraceHeader, the only one senders may set
	md5Body  string
	md5Attrs string
	md5Sys   string
	size     int

	sentAt         time.Time // SentTimestamp, kept across dead-lettering
	retainFrom     time.Time // retention counts from here
	senderID       string
	receiveCount   int
	firstReceiveAt time.Time
	receivedAt     time.Time // latest receive: visibility may not pass it + 12 h
	dlqSourceARN   string

	groupID string // FIFO
	dedupID string // FIFO
	seq     string // FIFO SequenceNumber

	state     msgState
	gen       uint64    // bumped on every state change; stale index entries compare it
	visibleAt time.Time // when a delayed or in-flight message turns visible
	handle    string    // receipt handle of the latest receive
	timerIdx  int       // position in queue.timers, -1 when absent
	expiryIdx int       // position in queue.expiry, -1 when absent
}

// copyForMove returns a fresh message with the same content, for another
// queue; counters and indexes start over.
func (m *message) copyForMove() *message {
	return &message{
		id: m.id, body: m.body, attrs: m.attrs, sysAttrs: m.sysAttrs,
		md5Body: m.md5Body, md5Attrs: m.md5Attrs, md5Sys: m.md5Sys, size: m.size,
		sentAt: m.sentAt, retainFrom: m.retainFrom, senderID: m.senderID,
		receiveCount: m.receiveCount, firstReceiveAt: m.firstReceiveAt,
		dlqSourceARN: m.dlqSourceARN, groupID: m.groupID, dedupID: m.dedupID,
		timerIdx: -1, expiryIdx: -1,
	}
}

func newMessageID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Receipt handles name the queue, the message and the receive they came
// from, a random nonce, and a MAC over all of that under a key only this
// process knows. The names let a handle be resolved without a lookup; the
// MAC is what makes it proof of a receive: a MessageId is handed to every
// producer, so a handle that merely names one must not delete it. A handle
// from an earlier receive of the same message is genuine but "stale" (see
// changeVisibility).
const handlePrefix = "lsq2"

// handleKey is drawn once per process; handles do not outlive it.
var handleKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic("localsqs: no randomness for receipt handles: " + err.Error())
	}
	return k
}()

func newReceiptHandle(queue, msgID string, receive int) string {
	var nonce [12]byte
	_, _ = rand.Read(nonce[:])
	signed := handlePrefix + "\x00" + queue + "\x00" + msgID + "\x00" + strconv.Itoa(receive) + "\x00" + hex.EncodeToString(nonce[:])
	return base64.RawURLEncoding.EncodeToString([]byte(signed + "\x00" + handleMAC(signed)))
}

func handleMAC(signed string) string {
	m := hmac.New(sha256.New, handleKey)
	m.Write([]byte(signed))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// parseReceiptHandle returns the queue name and message id of a handle
// this process issued; ok is false for anything else, forged or garbled.
func parseReceiptHandle(h string) (queue, msgID string, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		return "", "", false
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 6 || parts[0] != handlePrefix {
		return "", "", false
	}
	if !hmac.Equal([]byte(parts[5]), []byte(handleMAC(strings.Join(parts[:5], "\x00")))) {
		return "", "", false
	}
	return parts[1], parts[2], true
}

func epochMillis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

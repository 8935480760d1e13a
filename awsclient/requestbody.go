package awsclient

import (
	"context"
	"io"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// An answer SQS sent must not be lost on our side. smithy-go closes a
// request's body as soon as the answer's headers are in, while net/http's
// writer goroutine, once the body is out, reads it once more to check
// that nothing is left over. On a busy machine that read can come after
// the close, and smithy-go's body (which has WriteTo when the stream has,
// as the SDK's *bytes.Reader does) answers it with io.EOF, which io.Copy
// hands on as an error: the transport closes the connection with the
// answer's body still unread. The call was carried out all the same — a
// receive hid its messages for the hold under receipt handles nobody
// sees, a send stored its entries — and the SDK retries it or reports a
// failure. Without WriteTo, that last look goes through Read, whose
// io.EOF after the close is a body's clean end.

// closeSafeBody is installed in the SDK client's APIOptions. It goes at
// the end of the Finalize step, after signing and the retry middleware
// have read and rewound the stream, so each attempt sends the stream
// without its WriteTo.
func closeSafeBody(stack *middleware.Stack) error {
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("sqscopeCloseSafeBody",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			req, ok := in.Request.(*smithyhttp.Request)
			if !ok {
				return next.HandleFinalize(ctx, in)
			}
			if _, ok := req.GetStream().(io.WriterTo); !ok {
				return next.HandleFinalize(ctx, in)
			}
			// Still a Seeker, so the SDK can rewind it for a retry.
			var body io.Reader = readerOnly{req.GetStream()}
			if rs, ok := req.GetStream().(io.ReadSeeker); ok {
				body = readSeekerOnly{rs}
			}
			r, err := req.SetStream(body)
			if err != nil {
				return middleware.FinalizeOutput{}, middleware.Metadata{}, err
			}
			in.Request = r
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}

// readerOnly and readSeekerOnly hide every other method of a stream.
type readerOnly struct{ io.Reader }

type readSeekerOnly struct{ io.ReadSeeker }

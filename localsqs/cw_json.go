package localsqs

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strconv"

	"github.com/aws/smithy-go/encoding/cbor"
)

// CloudWatch over AWS JSON 1.0: POST / with X-Amz-Target
// GraniteServiceVersion20100801.<Op>, the protocol boto3 1.43 and the AWS
// CLI pick for CloudWatch by default (its model lists rpc-v2-cbor, json and
// query; botocore ranks json first). The body is translated to and from
// the CBOR tree the operations read and write, so `aws cloudwatch
// get-metric-data --endpoint-url …` against `sqscope server` gets the same
// answers as the Go SDK. Timestamps travel as epoch seconds (numbers).

// decodeJSONInput decodes a JSON object into the CBOR tree; empty means no
// members.
func decodeJSONInput(body []byte) (cbor.Map, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return cbor.Map{}, nil
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, serializationError(400, "malformed JSON: %v", err)
	}
	if d.More() {
		return nil, serializationError(400, "malformed JSON: %v", errTrailingData)
	}
	m, ok := jsonToCBOR(v).(cbor.Map)
	if !ok {
		return nil, serializationError(400, "the request body must be a JSON object")
	}
	return m, nil
}

func jsonToCBOR(v any) cbor.Value {
	switch x := v.(type) {
	case map[string]any:
		m := make(cbor.Map, len(x))
		for k, e := range x {
			m[k] = jsonToCBOR(e)
		}
		return m
	case []any:
		l := make(cbor.List, len(x))
		for i, e := range x {
			l[i] = jsonToCBOR(e)
		}
		return l
	case string:
		return cbor.String(x)
	case bool:
		return cbor.Bool(x)
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			if n < 0 {
				return cbor.NegInt(uint64(-n)) // smithy-go's NegInt holds the magnitude
			}
			return cbor.Uint(uint64(n))
		}
		f, _ := x.Float64()
		return cbor.Float64(f)
	}
	return &cbor.Nil{}
}

// cborToJSON renders an output tree as JSON values; a timestamp becomes
// epoch seconds.
func cborToJSON(v cbor.Value) any {
	switch x := v.(type) {
	case cbor.Map:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = cborToJSON(e)
		}
		return m
	case cbor.List:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = cborToJSON(e)
		}
		return l
	case cbor.String:
		return string(x)
	case cbor.Bool:
		return bool(x)
	case cbor.Uint:
		return uint64(x)
	case cbor.Float64:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return strconv.FormatFloat(float64(x), 'g', -1, 64) // AWS JSON's spelling
		}
		return float64(x)
	case *cbor.Tag:
		return cborToJSON(x.Value)
	}
	return nil
}

func writeJSONMap(w http.ResponseWriter, status int, out cbor.Map) {
	b, err := json.Marshal(cborToJSON(out))
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"__type":"com.amazonaws.cloudwatch#InternalServiceFault","message":"encoding the response"}`)
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("x-amzn-RequestId", newRequestID())
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

package txcli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Event returns the attributes of the first event of type typ (a typed event's proto name, e.g.
// "tributary.royalty.v1.EventPaid"), JSON string values unquoted; nil if there is none.
func Event(res *sdk.TxResponse, typ string) map[string]string {
	for _, e := range res.Events {
		if e.Type != typ {
			continue
		}
		attrs := make(map[string]string, len(e.Attributes))
		for _, a := range e.Attributes {
			v := a.Value
			var s string
			if json.Unmarshal([]byte(v), &s) == nil {
				v = s
			}
			attrs[a.Key] = v
		}
		return attrs
	}
	return nil
}

// Grouped writes a decimal integer with thousands separators: 1000000 -> "1,000,000".
func Grouped(digits string) string {
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Coin formats a JSON coin {"denom":"utrib","amount":"1000000"} as "1,000,000 utrib".
func Coin(jsonCoin string) string {
	var c struct{ Denom, Amount string }
	if err := json.Unmarshal([]byte(jsonCoin), &c); err != nil || c.Denom == "" {
		return jsonCoin
	}
	return Grouped(c.Amount) + " " + c.Denom
}

// Coins formats a JSON coin list as "1,000 utrib, 5 uatom".
func Coins(jsonCoins string) string {
	var cs []struct{ Denom, Amount string }
	if err := json.Unmarshal([]byte(jsonCoins), &cs); err != nil {
		return jsonCoins
	}
	if len(cs) == 0 {
		return "nothing"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = Grouped(c.Amount) + " " + c.Denom
	}
	return strings.Join(parts, ", ")
}

// IDs formats a JSON list of ids (["1","3"]) as "#1, #3".
func IDs(jsonIDs string) string {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(jsonIDs), &raw); err != nil {
		return jsonIDs
	}
	parts := make([]string, 0, len(raw))
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) != nil {
			s = string(r)
		}
		if _, err := strconv.ParseUint(s, 10, 64); err == nil {
			s = "#" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// Fallback is the sentence for a transaction whose command has nothing more specific to say.
func Fallback(res *sdk.TxResponse) string {
	return fmt.Sprintf("done in block %d (transaction %s, gas used %s)", res.Height, res.TxHash, Grouped(strconv.FormatInt(res.GasUsed, 10)))
}

package explorer

import (
	"strings"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Denom is the chain's base denom; 1 TRIB = 10^6 utrib.
const Denom = "utrib"

const microDigits = 6

// FormatTRIB writes an utrib amount as TRIB with all six decimals, so that every micro-unit is visible and
// nothing is rounded ("1,234.567890 TRIB"). It works on math.Int, so any size is exact.
func FormatTRIB(amount math.Int) string {
	s := amount.Abs().String()
	if len(s) <= microDigits {
		s = strings.Repeat("0", microDigits+1-len(s)) + s
	}
	whole, frac := s[:len(s)-microDigits], s[len(s)-microDigits:]
	sign := ""
	if amount.IsNegative() {
		sign = "-"
	}
	return sign + groupThousands(whole) + "." + frac + " TRIB"
}

// FormatCoin writes utrib as TRIB (FormatTRIB) and any other denom as its integer amount and denom.
func FormatCoin(c sdk.Coin) string {
	if c.Denom == Denom {
		return FormatTRIB(c.Amount)
	}
	return groupThousands(c.Amount.String()) + " " + c.Denom
}

// FormatCoins writes each coin with FormatCoin; no coins is "0.000000 TRIB".
func FormatCoins(cs sdk.Coins) string {
	if cs.IsZero() {
		return FormatTRIB(math.ZeroInt())
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = FormatCoin(c)
	}
	return strings.Join(parts, " + ")
}

// FormatShare writes an exact share (18 decimals) as a percentage with up to 16 decimals, trailing zeros
// dropped ("12.6%", "0.000021%").
func FormatShare(d math.LegacyDec) string {
	pct := d.MulInt64(100).String() // 18 decimals, truncation-free: *100 of an 18-decimal value is exact
	if i := strings.IndexByte(pct, '.'); i >= 0 {
		pct = strings.TrimRight(strings.TrimRight(pct, "0"), ".")
	}
	return pct + "%"
}

// FormatBps writes basis points as a percentage ("70%", "12.5%").
func FormatBps(bps uint32) string {
	return FormatShare(math.LegacyNewDecWithPrec(int64(bps), 4))
}

func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

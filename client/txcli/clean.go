package txcli

import (
	"regexp"
	"strings"
)

var (
	// rpcPrefix is how gRPC wraps a remote error; the user did not make a gRPC call.
	rpcPrefix = regexp.MustCompile(`rpc error: code = \w+ desc = `)
	// sourcePos is a stack position the SDK's error wrapping appends in debug builds.
	sourcePos = regexp.MustCompile(`\s*\[[^\]\s]*\.go:\d+\]`)
	// gasTail is the simulation's accounting, noise next to the reason.
	gasTail = regexp.MustCompile(`\s*With gas wanted: '\d+' and gas used: '\d+'\s*`)
	// msgIndex says which message of a one-message transaction failed.
	msgIndex = regexp.MustCompile(`failed to execute message; message index: \d+: `)
	// lowFee is the mempool's refusal of a fee below the node's minimum gas prices; "got:" is
	// empty when no --fees was given, and the reason is repeated after it.
	lowFee = regexp.MustCompile(`insufficient fees; got: ?(\S*?) ?required: (\S+?)(?:: insufficient fee)?$`)
)

// msgCommands maps message type names, as the chain names them in errors, to the command that
// sends them. A slice, not a map: MsgClaim is a prefix of MsgClaimMerkle, so the longer name must
// be replaced first, every time.
var msgCommands = []struct{ msg, command string }{
	{"tributary.provenance.v1.MsgRegisterAsset", "tx provenance register-dataset/register-model"},
	{"tributary.provenance.v1.MsgUpdateAsset", "tx provenance update-asset"},
	{"tributary.provenance.v1.MsgTransferOwnership", "tx provenance transfer-ownership"},
	{"tributary.provenance.v1.MsgAcceptOwnership", "tx provenance accept-ownership"},
	{"tributary.provenance.v1.MsgCancelTransfer", "tx provenance cancel-transfer"},
	{"tributary.provenance.v1.MsgRetireAsset", "tx provenance retire"},
	{"tributary.royalty.v1.MsgPay", "tx royalty pay"},
	{"tributary.royalty.v1.MsgSetPrice", "tx royalty set-price"},
	{"tributary.royalty.v1.MsgClaimMerkle", "tx royalty claim-merkle"},
	{"tributary.royalty.v1.MsgClaim", "tx royalty claim"},
}

// CleanLog turns an error or raw log from the node into what a user needs: the reason, without
// transport wrappers, source positions, gas accounting or the same phrase twice.
func CleanLog(s string) string {
	s = rpcPrefix.ReplaceAllString(s, "")
	s = sourcePos.ReplaceAllString(s, "")
	s = gasTail.ReplaceAllString(s, "")
	s = msgIndex.ReplaceAllString(s, "")
	s = strings.TrimSuffix(strings.TrimSpace(s), ": unknown request")
	s = lowFee.ReplaceAllStringFunc(s, func(m string) string {
		sub := lowFee.FindStringSubmatch(m)
		got := sub[1]
		if got == "" {
			got = "none"
		}
		return "the fee is below this node's minimum: it requires at least " + sub[2] + " (given: " + got + "); pass --fees " + sub[2] + " or more"
	})
	for _, m := range msgCommands {
		s = replaceName(s, "/"+m.msg, "`"+m.command+"`")
		s = replaceName(s, m.msg, "`"+m.command+"`")
	}
	return dedupe(s)
}

// dedupe drops a ": "-separated segment equal to the one before it ("insufficient funds:
// insufficient funds") and a segment already contained in the previous one.
func dedupe(s string) string {
	parts := strings.Split(s, ": ")
	out := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if n := len(out); n > 0 && (out[n-1] == p || strings.Contains(out[n-1], p)) {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ": ")
}

// replaceName replaces whole occurrences of name: one followed by a letter or digit is a longer
// name (MsgClaim in MsgClaimMerkle) and is left alone.
func replaceName(s, name, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, name)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(name)
		b.WriteString(s[:i])
		if end < len(s) && isNameByte(s[end]) {
			b.WriteString(name)
		} else {
			b.WriteString(with)
		}
		s = s[end:]
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

package explorer

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// maxTxRows bounds every list built from the tx index.
const maxTxRows = 50

// Payment is one MsgPay found in the tx index.
type Payment struct {
	TxHash  string   `json:"txhash"`
	Height  int64    `json:"height"`
	Payer   string   `json:"payer"`
	AssetID uint64   `json:"asset_id"`
	Amount  sdk.Coin `json:"amount"`
}

// Claim is one EventClaimed found in the tx index.
type Claim struct {
	TxHash   string    `json:"txhash"`
	Height   int64     `json:"height"`
	Amount   sdk.Coins `json:"amount"`
	AssetIDs []uint64  `json:"asset_ids"`
}

// payments returns the newest payments matching q (at most limit) and how many match in all.
func (s *Server) payments(ctx context.Context, q string, limit int) ([]Payment, uint64, error) {
	res, err := s.chain.SearchTxs(ctx, q, min(limit, maxTxRows))
	if err != nil {
		return nil, 0, fmt.Errorf("searching the tx index for payments: %w", err)
	}
	var out []Payment
	for _, tr := range res.Txs {
		for _, ev := range tr.Events {
			if p, ok := paymentFromEvent(ev); ok {
				p.TxHash, p.Height = tr.TxHash, tr.Height
				out = append(out, p)
			}
		}
	}
	return out, res.TotalCount, nil
}

// paymentFromEvent reads an EventPaid; typed event attributes are JSON-encoded values.
func paymentFromEvent(ev abci.Event) (Payment, bool) {
	if ev.Type != "tributary.royalty.v1.EventPaid" {
		return Payment{}, false
	}
	var p Payment
	for _, a := range ev.Attributes {
		var err error
		switch a.Key {
		case "payer":
			err = json.Unmarshal([]byte(a.Value), &p.Payer)
		case "amount":
			err = json.Unmarshal([]byte(a.Value), &p.Amount)
		case "asset_id":
			var id string // uint64 is a JSON string in proto3 JSON
			if err = json.Unmarshal([]byte(a.Value), &id); err == nil {
				p.AssetID, err = strconv.ParseUint(id, 10, 64)
			}
		}
		if err != nil {
			return Payment{}, false
		}
	}
	return p, p.AssetID != 0
}

// claimsOf returns the newest claims paid to addr (at most limit) and how many there are in all.
func (s *Server) claimsOf(ctx context.Context, addr string, limit int) ([]Claim, uint64, error) {
	// Typed events carry JSON values, so the address is matched with its quotes.
	q := fmt.Sprintf(`tributary.royalty.v1.EventClaimed.claimant='"%s"'`, addr)
	res, err := s.chain.SearchTxs(ctx, q, min(limit, maxTxRows))
	if err != nil {
		return nil, 0, fmt.Errorf("searching the tx index for claims: %w", err)
	}
	var out []Claim
	for _, tr := range res.Txs {
		for _, ev := range tr.Events {
			if c, ok := claimFromEvent(ev, addr); ok {
				c.TxHash, c.Height = tr.TxHash, tr.Height
				out = append(out, c)
			}
		}
	}
	return out, res.TotalCount, nil
}

// claimFromEvent reads an EventClaimed paid to addr; typed event attributes are JSON-encoded values.
func claimFromEvent(ev abci.Event, addr string) (Claim, bool) {
	if ev.Type != "tributary.royalty.v1.EventClaimed" {
		return Claim{}, false
	}
	var c Claim
	var claimant string
	for _, a := range ev.Attributes {
		var err error
		switch a.Key {
		case "claimant":
			err = json.Unmarshal([]byte(a.Value), &claimant)
		case "amount":
			err = json.Unmarshal([]byte(a.Value), &c.Amount)
		case "asset_ids":
			var ids []string // uint64 is a JSON string in proto3 JSON
			if err = json.Unmarshal([]byte(a.Value), &ids); err == nil {
				for _, id := range ids {
					n, perr := strconv.ParseUint(strings.TrimSpace(id), 10, 64)
					if perr != nil {
						return Claim{}, false
					}
					c.AssetIDs = append(c.AssetIDs, n)
				}
			}
		}
		if err != nil {
			return Claim{}, false
		}
	}
	return c, claimant == addr
}

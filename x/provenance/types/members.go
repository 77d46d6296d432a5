package types

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// MembersFileHeader is the first line of a members file.
const MembersFileHeader = "address,units"

// ParseMembersFile reads a members file: the header line "address,units",
// then one "ADDRESS,UNITS" line per member (a bech32 account address and a
// positive decimal integer, no spaces, the total at most MaxTotalUnits), lines ending in "\n" (a "\r" before it
// is tolerated). The order of the lines is the order of the Merkle leaves.
// Addresses must be unique. Returns the members in file order.
func ParseMembersFile(r io.Reader, ac address.Codec) ([]Member, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 4096)
	line := 0
	var members []Member
	seen := make(map[string]int)
	var total uint64
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			if text != MembersFileHeader {
				return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line 1 is %q, must be the header %q", text, MembersFileHeader)
			}
			continue
		}
		addrText, unitsText, ok := strings.Cut(text, ",")
		if !ok {
			return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line %d: %q is not ADDRESS,UNITS", line, text)
		}
		addr, err := ac.StringToBytes(addrText)
		if err != nil || len(addr) == 0 {
			return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line %d: address %q: %v", line, addrText, err)
		}
		if unitsText == "" || unitsText[0] == '+' {
			return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line %d: units %q is not a positive integer", line, unitsText)
		}
		units, err := strconv.ParseUint(unitsText, 10, 64)
		if err != nil || units == 0 {
			return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line %d: units %q is not a positive 64-bit integer", line, unitsText)
		}
		if prev, dup := seen[string(addr)]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line %d: address %s already on line %d", line, addrText, prev)
		}
		seen[string(addr)] = line
		if total, err = AddUnits(total, units); err != nil {
			return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "line %d: %v", line, err)
		}
		members = append(members, Member{Address: addr, Units: units})
	}
	if err := sc.Err(); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "after line %d: %v", line, err)
	}
	if line == 0 {
		return nil, errorsmod.Wrapf(ErrInvalidMembersFile, "empty file: the first line must be %q", MembersFileHeader)
	}
	if len(members) == 0 {
		return nil, errorsmod.Wrap(ErrInvalidMembersFile, "no members after the header")
	}
	return members, nil
}

// FormatMembersFile writes members as a members file in the form
// ParseMembersFile reads, with canonical addresses and "\n" line ends.
func FormatMembersFile(w io.Writer, ac address.Codec, members []Member) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(MembersFileHeader + "\n"); err != nil {
		return err
	}
	for i, m := range members {
		addr, err := ac.BytesToString(m.Address)
		if err != nil {
			return fmt.Errorf("member %d: %w", i, err)
		}
		if _, err := fmt.Fprintf(bw, "%s,%d\n", addr, m.Units); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// MembersFileBytes returns FormatMembersFile's output.
func MembersFileBytes(ac address.Codec, members []Member) ([]byte, error) {
	var buf bytes.Buffer
	if err := FormatMembersFile(&buf, ac, members); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

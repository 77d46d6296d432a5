package cards

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// CardFile is the file of a Hugging Face repository that holds its card.
const CardFile = "README.md"

// maxCardBytes bounds what is read of a card: front matter is a few
// kilobytes, and a multi-megabyte README is not worth parsing for it.
const maxCardBytes = 4 << 20

// ErrCard is returned for a card that cannot be read as a Hugging Face card.
var ErrCard = errors.New("invalid card")

// Card is the part of a Hugging Face model or dataset card's front matter
// that a registration uses. Field names follow the Hub's card specification
// (huggingface_hub ModelCardData and DatasetCardData).
type Card struct {
	// License is the Hub's licence id (apache-2.0, llama3.1, other, ...).
	License string `yaml:"license"`
	// LicenseName names a licence the Hub does not know (with license: other).
	LicenseName string `yaml:"license_name"`
	// BaseModels are the models this one derives from (base_model: one id or a list).
	BaseModels StringList `yaml:"base_model"`
	// BaseModelRelation is adapter, merge, quantized or finetune.
	BaseModelRelation string `yaml:"base_model_relation"`
	// Datasets are the datasets a model was trained on.
	Datasets StringList `yaml:"datasets"`
	// SourceDatasets are the datasets a dataset derives from.
	SourceDatasets StringList `yaml:"source_datasets"`
	// PrettyName is a dataset card's display name.
	PrettyName string `yaml:"pretty_name"`
	// ModelName is a model card's display name.
	ModelName string `yaml:"model_name"`
	// Description is rarely in front matter, but read when it is.
	Description string `yaml:"description"`
}

// StringList is a YAML value that the Hub accepts as one string or a list of
// strings (base_model, datasets, license in some cards).
type StringList []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (l *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		var s string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = StringList{s}
		return nil
	case yaml.SequenceNode:
		var s []string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = s
		return nil
	default:
		return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
	}
}

// ReadCard reads the card at path. A README without front matter yields an
// empty card, as the Hub treats it.
func ReadCard(path string) (Card, error) {
	bz, err := readBounded(path, maxCardBytes)
	if err != nil {
		return Card{}, err
	}
	return ParseCard(bz)
}

// ParseCard parses a card's bytes: the YAML between a first line "---" and
// the next line "---".
func ParseCard(bz []byte) (Card, error) {
	front, ok, err := frontMatter(bz)
	if err != nil || !ok {
		return Card{}, err
	}
	var c Card
	if err := yaml.Unmarshal(front, &c); err != nil {
		return Card{}, fmt.Errorf("%w: front matter: %v", ErrCard, err)
	}
	return c, nil
}

// frontMatter cuts the YAML block out of a card. Only the delimiters are
// found here; the YAML itself is left to the YAML library.
func frontMatter(bz []byte) ([]byte, bool, error) {
	bz = bytes.TrimPrefix(bz, []byte("\xef\xbb\xbf"))
	lines := strings.SplitAfter(string(bz), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], "\r\n") != "---" {
		return nil, false, nil
	}
	var b strings.Builder
	for _, l := range lines[1:] {
		if strings.TrimRight(l, "\r\n") == "---" {
			return []byte(b.String()), true, nil
		}
		b.WriteString(l)
	}
	return nil, false, fmt.Errorf("%w: front matter opened with --- is never closed", ErrCard)
}

func readBounded(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than the %d read", ErrCard, path, st.Size(), limit)
	}
	return os.ReadFile(path)
}

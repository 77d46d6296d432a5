package cards

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// ErrRelation is returned for a base_model_relation the Hub does not define.
var ErrRelation = errors.New("unknown base_model_relation")

// baseModelRelations maps the Hub's base_model_relation values to the
// chain's relations. The Hub's four values have exact counterparts.
var baseModelRelations = map[string]types.Relation{
	"adapter":   types.Relation_RELATION_ADAPTER_OF,
	"merge":     types.Relation_RELATION_MERGED_FROM,
	"quantized": types.Relation_RELATION_QUANTIZED_FROM,
	"finetune":  types.Relation_RELATION_FINETUNED_FROM,
}

// BaseModelRelation is the relation of a model to its base models. Without
// base_model_relation it is inferred as the Hub infers it: adapter when the
// repository holds an adapter_config.json (PEFT), merge with several base
// models, finetune otherwise.
func BaseModelRelation(card Card, hasAdapterConfig bool) (types.Relation, error) {
	s := strings.ToLower(strings.TrimSpace(card.BaseModelRelation))
	if s != "" {
		r, ok := baseModelRelations[s]
		if !ok {
			return 0, fmt.Errorf("%w %q: the Hub defines adapter, merge, quantized and finetune", ErrRelation, card.BaseModelRelation)
		}
		return r, nil
	}
	switch {
	case hasAdapterConfig:
		return types.Relation_RELATION_ADAPTER_OF, nil
	case len(card.BaseModels) > 1:
		return types.Relation_RELATION_MERGED_FROM, nil
	default:
		return types.Relation_RELATION_FINETUNED_FROM, nil
	}
}

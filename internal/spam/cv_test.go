package spam

import "testing"

// TestCrossValidation is a second, harsher estimate than the held-out file:
// 5-fold cross-validation over corpus/base.txt, where each fold's spam is
// often the only example of its kind. Recall is only logged because it
// depends on how many families a fold happens to hide; the property that
// must hold is that no ham is auto-spammed.
func TestCrossValidation(t *testing.T) {
	const folds = 5
	all := readExamples(t, "corpus/base.txt")
	var tp, fp, fn, tn int
	var maxHam float64
	for fold := range folds {
		m := NewModel()
		for i, ex := range all {
			if i%folds != fold {
				m.Learn(ex.text, ex.spam)
			}
		}
		for i := fold; i < len(all); i += folds {
			ex := all[i]
			s := m.Score(ex.text)
			flagged := s >= SpamThresholdLearnedOnly
			switch {
			case ex.spam && flagged:
				tp++
			case ex.spam:
				fn++
			case flagged:
				fp++
				t.Errorf("fold %d: ham scored %.4f: %s", fold, s, ex.text)
			default:
				tn++
				maxHam = max(maxHam, s)
			}
		}
	}
	t.Logf("%d-fold CV: precision=%.3f recall=%.3f false-positive rate=%.3f, highest ham score %.3f",
		folds, ratio(tp, tp+fp), ratio(tp, tp+fn), ratio(fp, fp+tn), maxHam)
}

package metrics

import (
	"errors"
	"testing"
)

// samples gathers the registry: metric name and label value → value.
func samples(t *testing.T, m *Metrics, name string) map[string]float64 {
	t.Helper()
	fams, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
		for _, s := range f.GetMetric() {
			lv := ""
			for _, l := range s.GetLabel() {
				lv = l.GetName() + "=" + l.GetValue()
			}
			out[lv] = s.GetGauge().GetValue() + s.GetCounter().GetValue()
		}
	}
	return out
}

// TestGaugeVec_FailedRead scrapes a labelled gauge whose reads fail now
// and then: a series is absent until read once, then keeps its last good
// value; it is never -1.
func TestGaugeVec_FailedRead(t *testing.T) {
	m := New()
	vals := map[string]float64{}
	fail := map[string]bool{"mail": true, "webhook": true}
	m.GaugeVec("q", "h", "kind", []string{"mail", "webhook"}, func(k string) (float64, error) {
		if fail[k] {
			return 0, errors.New("database is locked")
		}
		return vals[k], nil
	})
	steps := []struct {
		mail, webhook float64
		failMail      bool
		failWebhook   bool
		want          map[string]float64
	}{
		{0, 0, true, true, map[string]float64{}},
		{3, 0, false, true, map[string]float64{"kind=mail": 3}},
		{4, 5, true, false, map[string]float64{"kind=mail": 3, "kind=webhook": 5}},
		{0, 1, false, false, map[string]float64{"kind=mail": 0, "kind=webhook": 1}},
	}
	for i, s := range steps {
		vals["mail"], vals["webhook"] = s.mail, s.webhook
		fail["mail"], fail["webhook"] = s.failMail, s.failWebhook
		got := samples(t, m, "q")
		if len(got) != len(s.want) {
			t.Fatalf("step %d: %v, want %v", i, got, s.want)
		}
		for k, v := range s.want {
			if got[k] != v {
				t.Fatalf("step %d: %v, want %v", i, got, s.want)
			}
		}
	}
}

func TestBuildInfo(t *testing.T) {
	m := New()
	m.BuildInfo("v0.2.0", "go1.26.8")
	fams, _ := m.Registry.Gather()
	for _, f := range fams {
		if f.GetName() == "balasan_build_info" {
			s := f.GetMetric()[0]
			labels := map[string]string{}
			for _, l := range s.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if s.GetGauge().GetValue() != 1 || labels["version"] != "v0.2.0" || labels["goversion"] != "go1.26.8" {
				t.Errorf("build info %v = %v", labels, s.GetGauge().GetValue())
			}
			return
		}
	}
	t.Error("no balasan_build_info")
}

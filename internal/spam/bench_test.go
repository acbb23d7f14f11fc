package spam

import (
	"sync"
	"testing"
)

// BenchmarkScore scores a typical mix of comments (a short ham, a price
// comment, a link spam with HTML) against the model trained on train.txt.
func BenchmarkScore(b *testing.B) {
	m := trainedModel(b)
	texts := []string{
		"Setuju, pemda harus segera memperbaiki jalan rusak itu sebelum musim hujan.",
		"Harga beras di pasar kami sudah Rp 15.000 per kilo, padahal bulan lalu masih 13 ribu.",
		`Artikel bagus! Kunjungi <a href="https://slot-gacor88.vip">situs kami</a> untuk bonus new member 100%, deposit pulsa 10rb, WA 0812-3456-7890`,
	}
	i := 0
	for b.Loop() {
		m.Score(texts[i%len(texts)])
		i++
	}
}

// BenchmarkTokens isolates the tokenizer, which dominates Score.
func BenchmarkTokens(b *testing.B) {
	text := `Artikel bagus! Kunjungi <a href="https://slot-gacor88.vip">situs kami</a> untuk bonus new member 100%, deposit pulsa 10rb, WA 0812-3456-7890`
	for b.Loop() {
		Tokens(text)
	}
}

func BenchmarkTokensPlain(b *testing.B) {
	text := "Komentar nomor 123 dari utas 1, putaran 1764200000, tentang berita hari ini. Semoga bermanfaat."
	for b.Loop() {
		Tokens(text)
	}
}

// BenchmarkScoreStarter scores the same mix with the starter model under
// an empty learned one, as a new site runs.
func BenchmarkScoreStarter(b *testing.B) {
	m := NewModel()
	m.SetBase(Starter())
	texts := []string{
		"Setuju, pemda harus segera memperbaiki jalan rusak itu sebelum musim hujan.",
		"Harga beras di pasar kami sudah Rp 15.000 per kilo, padahal bulan lalu masih 13 ribu.",
		`Artikel bagus! Kunjungi <a href="https://slot-gacor88.vip">situs kami</a> untuk bonus new member 100%, deposit pulsa 10rb, WA 0812-3456-7890`,
	}
	i := 0
	for b.Loop() {
		m.Score(texts[i%len(texts)])
		i++
	}
}

// BenchmarkStarter is the one-time cost of learning the starter at start.
func BenchmarkStarter(b *testing.B) {
	for b.Loop() {
		starterOnce = sync.Once{}
		Starter()
	}
}

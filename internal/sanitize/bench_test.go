package sanitize

import "testing"

// benchComment is a realistic ~1 KB reader comment: a quote, formatting,
// a bare link, an anchor, paragraphs and a little junk pasted from Word.
const benchComment = `<blockquote>Pemerintah akan menaikkan harga BBM bersubsidi mulai bulan depan, kata menteri.</blockquote>
Saya kurang setuju dengan kebijakan ini. <b>Harga kebutuhan pokok</b> pasti ikut naik, dan yang paling terdampak adalah masyarakat kecil di daerah.

Coba baca juga analisis di https://www.kompas.com/ekonomi/read/2024/05/01/bbm-subsidi-(analisis). Di sana dijelaskan bahwa subsidi sebenarnya <em>tidak tepat sasaran</em>, tapi solusinya bukan langsung dicabut.
Menurut saya lebih baik pendataan penerima diperbaiki dulu, misalnya lewat <a href="https://dtks.kemensos.go.id/" title="DTKS">DTKS</a> yang sudah ada.

<span style="font-family: Calibri">Satu lagi:</span> kenapa pengumumannya mendadak sekali? Pedagang di pasar tidak punya waktu untuk bersiap &amp; menyesuaikan harga.<br><br>Semoga DPR bisa mengawasi ini dengan serius. Terima kasih redaksi atas beritanya, tetap kritis ya!

Salam dari Surabaya,
Budi`

func BenchmarkComment(b *testing.B) {
	p := New()
	b.SetBytes(int64(len(benchComment)))
	b.ReportAllocs()
	for b.Loop() {
		p.Comment(benchComment)
	}
}

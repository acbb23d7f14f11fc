package i18n

var opsMessages = map[string]message{
	"overloaded": {"Terlalu banyak komentar dikirim saat ini. Coba lagi sebentar lagi; tulisan Anda masih ada di formulir.",
		"Too many comments are being sent right now. Please try again shortly; your text is still in the form."},
}

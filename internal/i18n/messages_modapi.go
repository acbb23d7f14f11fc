package i18n

// modapiMessages are the moderation API's own answers (internal/modapi).
var modapiMessages = map[string]message{
	"token_invalid": {"Token API tidak ada atau tidak berlaku. Kirim \"Authorization: Bearer TOKEN\" dengan token dari \"balasan token create\".",
		"No valid API token. Send \"Authorization: Bearer TOKEN\" with a token from \"balasan token create\"."},
	"token_role": {"Token ini tidak berhak melakukan ini; perlu token dengan peran admin.",
		"This token may not do this; it needs a token with the admin role."},
	"token_name_invalid": {"Nama token 1–60 karakter, tanpa spasi dan tanpa < > \" ' & /.",
		"A token name has 1–60 characters, no spaces and none of < > \" ' & /."},
	"token_name_taken": {"Nama token ini sudah dipakai.", "This token name is taken."},
	"action_invalid": {"Tindakan tidak dikenal: approve, unapprove, spam, trash, restore, atau delete.",
		"Unknown action: approve, unapprove, spam, trash, restore or delete."},
	"ids_invalid": {"Berikan 1–200 id komentar (bilangan bulat positif).",
		"Give 1–200 comment ids (positive whole numbers)."},
	"status_invalid": {"Status: pending, approved, spam, atau trash.", "Status: pending, approved, spam or trash."},
	"query_invalid":  {"Pencarian terlalu panjang (paling banyak 200 karakter).", "The search is too long (at most 200 characters)."},
	"cursor_invalid": {"Kursor tidak sah; pakai nilai \"next\" dari halaman sebelumnya.",
		"Invalid cursor; use the \"next\" value of the previous page."},
	"limit_invalid": {"Batas: bilangan bulat 1–200.", "Limit: a whole number from 1 to 200."},
	"text_invalid":  {"Harus berupa teks.", "Must be text."},
}

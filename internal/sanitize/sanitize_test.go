package sanitize

import "testing"

// One shared Policy, as in production; also exercises reuse.
var testPolicy = New()

func TestComment(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Scripts and event handlers.
		{"script removed with content", `<script>alert("xss")</script>Halo semua`, `<p>Halo semua</p>`},
		{"style removed with content", `<style>body{display:none}</style>Teks`, `<p>Teks</p>`},
		{"only script gives empty", `<script>alert(1)</script>`, ``},
		{"onclick removed", `<b onclick="alert(1)">tebal</b>`, `<p><b>tebal</b></p>`},
		{"class id style removed", `<em class="c" id="i" style="color:red">e</em>`, `<p><em>e</em></p>`},
		{"img removed", `<img src="https://x.id/a.jpg" onerror="alert(1)">Foto`, `<p>Foto</p>`},
		{"html comment removed", `<!-- <script>x</script> -->teks`, `<p>teks</p>`},

		// Link schemes.
		{"javascript href", `<a href="javascript:alert(1)">klik</a>`, `<p>klik</p>`},
		{"javascript mixed case and spaces", `<a href="  JaVaScRiPt:alert(1)">klik</a>`, `<p>klik</p>`},
		{"javascript with entity tab", `<a href="jav&#x09;ascript:alert(1)">klik</a>`, `<p>klik</p>`},
		{"data href", `<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>`, `<p>d</p>`},
		{"vbscript href", `<a href="vbscript:msgbox(1)">v</a>`, `<p>v</p>`},
		{"relative href", `<a href="/masuk">x</a>`, `<p>x</p>`},
		{"protocol-relative href", `<a href="//evil.example">x</a>`, `<p>x</p>`},
		{"hostless http href", `<a href="http:evil">x</a>`, `<p>x</p>`},
		{"javascript cite dropped", `<q cite="javascript:alert(1)">q</q>`, `<p><q>q</q></p>`},
		{"link kept with rel", `<a href="https://kompas.com/" title="Kompas">Kompas</a>`,
			`<p><a href="https://kompas.com/" title="Kompas" rel="nofollow ugc">Kompas</a></p>`},
		{"reader rel and target replaced", `<a href="https://x.id" rel="opener" target="_blank">x</a>`,
			`<p><a href="https://x.id" rel="nofollow ugc">x</a></p>`},
		{"first duplicate href wins", `<a href="javascript:x" href="https://x.id">x</a>`, `<p>x</p>`},
		{"mailto kept", `<a href="mailto:redaksi@kompas.id">surat</a>`,
			`<p><a href="mailto:redaksi@kompas.id" rel="nofollow ugc">surat</a></p>`},

		// Allowed tags.
		{"allowed inline tags kept",
			`<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <code>c</code> <cite>ci</cite> <s>s</s> <strike>st</strike>`,
			`<p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <code>c</code> <cite>ci</cite> <s>s</s> <strike>st</strike></p>`},
		{"allowed attributes kept",
			`<abbr title="Dewan Perwakilan Rakyat">DPR</abbr> <acronym title="x">y</acronym> <del datetime="2024-05-01T10:00:00Z">lama</del> <q cite="https://kbbi.kemdikbud.go.id/">q</q>`,
			`<p><abbr title="Dewan Perwakilan Rakyat">DPR</abbr> <acronym title="x">y</acronym> <del datetime="2024-05-01T10:00:00Z">lama</del> <q cite="https://kbbi.kemdikbud.go.id/">q</q></p>`},
		{"bad datetime dropped", `<del datetime="kemarin">x</del>`, `<p><del>x</del></p>`},
		{"blockquote is a block", "<blockquote cite=\"https://x.id\">kutipan</blockquote>\nbalasan saya",
			"<blockquote cite=\"https://x.id\"><p>kutipan</p>\n</blockquote>\n<p>balasan saya</p>"},
		{"paragraphs inside blockquote", "<blockquote>satu\n\ndua</blockquote>",
			"<blockquote><p>satu</p>\n<p>dua</p>\n</blockquote>"},

		// Stripped tags keep their text.
		{"p and div become paragraphs", `<p class="x">a</p><div>b</div>`, "<p>a</p>\n<p>b</p>"},
		{"span stripped", `<span style="color:red">teks</span> biasa`, `<p>teks biasa</p>`},
		{"iframe stripped with content", `sebelum <iframe src="https://evil.id">isi</iframe>sesudah`, `<p>sebelum sesudah</p>`},
		{"form stripped", `<form action="https://evil.id"><input name="q">Cari</form>`, `<p>Cari</p>`},

		// Auto-linking.
		{"bare url linked", `Baca https://kompas.com/berita?id=1&hal=2.`,
			`<p>Baca <a href="https://kompas.com/berita?id=1&amp;hal=2" rel="nofollow ugc">https://kompas.com/berita?id=1&amp;hal=2</a>.</p>`},
		{"www linked as http", `Lihat www.detik.com, bagus.`,
			`<p>Lihat <a href="http://www.detik.com" rel="nofollow ugc">www.detik.com</a>, bagus.</p>`},
		{"balanced parens kept", `(lihat http://id.wikipedia.org/wiki/Jawa_(pulau))`,
			`<p>(lihat <a href="http://id.wikipedia.org/wiki/Jawa_(pulau)" rel="nofollow ugc">http://id.wikipedia.org/wiki/Jawa_(pulau)</a>)</p>`},
		{"url inside link not relinked", `<a href="https://a.id">https://a.id</a>`,
			`<p><a href="https://a.id" rel="nofollow ugc">https://a.id</a></p>`},
		{"email not linked", `Hubungi budi@example.com atau budi@www.example.com`,
			`<p>Hubungi budi@example.com atau budi@www.example.com</p>`},
		{"bare scheme not linked", `http:// dan www.`, `<p>http:// dan www.</p>`},
		{"url in quotes", `"https://tempo.co"`,
			`<p>&#34;<a href="https://tempo.co" rel="nofollow ugc">https://tempo.co</a>&#34;</p>`},

		// Paragraphs.
		{"paragraphs and br", "Baris satu\nbaris dua\r\n\r\nParagraf dua",
			"<p>Baris satu<br>\nbaris dua</p>\n<p>Paragraf dua</p>"},
		{"many blank lines and edge space", "  satu  \n\n\n\n  dua  ", "<p>satu</p>\n<p>dua</p>"},
		{"br tag kept", "a<br/>b", "<p>a<br>\nb</p>"},
		{"double br is a paragraph", "a<br><br>b", "<p>a</p>\n<p>b</p>"},
		{"blank line closes inline", "<b>a\n\nb</b>", "<p><b>a</b></p>\n<p>b</p>"},

		// Balancing.
		{"misnested", `<b>tebal <i>miring</b> biasa`, `<p><b>tebal <i>miring</i></b> biasa</p>`},
		{"unclosed", `<strong>tidak ditutup`, `<p><strong>tidak ditutup</strong></p>`},
		{"stray end tags", `</em>lepas</b></blockquote>`, `<p>lepas</p>`},
		{"unclosed blockquote", `<blockquote>kutip`, "<blockquote><p>kutip</p>\n</blockquote>"},
		{"nested links split", `<a href="https://a.id">a<a href="https://b.id">b</a></a>`,
			`<p><a href="https://a.id" rel="nofollow ugc">a</a><a href="https://b.id" rel="nofollow ugc">b</a></p>`},

		// Text and encoding.
		{"special chars escaped", `5 > 3 & "x"`, `<p>5 &gt; 3 &amp; &#34;x&#34;</p>`},
		{"entities stay text", `&lt;script&gt;`, `<p>&lt;script&gt;</p>`},
		{"invalid utf8 and NUL", "a\x00b\xffc", "<p>ab\uFFFDc</p>"},
		{"empty", "", ""},
		{"whitespace only", " \r\n\t\n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testPolicy.Comment(tt.in); got != tt.want {
				t.Errorf("Comment(%q)\n got: %q\nwant: %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"tags removed", "  Budi <b>Santoso</b>\n", "Budi Santoso"},
		{"script content dropped", "<script>alert(1)</script>Ani", "Ani"},
		{"entities decoded", "Budi &amp; Ani", "Budi & Ani"},
		{"escaped markup cannot become a tag", "&lt;script&gt;alert(1)&lt;/script&gt;Ani", "Ani"},
		{"lone less-than kept", "a &lt;3 b", "a <3 b"},
		{"whitespace collapsed", "Siti\tNur\u00a0\u00a0Aini\r\n", "Siti Nur Aini"},
		{"control chars removed", "Bu\x00di\x07\x1b", "Budi"},
		{"bidi override removed", "evil\u202Egnp.exe", "evilgnp.exe"},
		{"br separates words", "Ani<br>Wati", "Ani Wati"},
		{"invalid utf8 replaced", "Budi\xff", "Budi\uFFFD"},
		{"not escaped", `O'Brien & "Co"`, `O'Brien & "Co"`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testPolicy.Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCountLinks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"none", "Setuju dengan artikel ini.", 0},
		{"anchor, bare, www; not email", `<a href="https://a.id">a</a> http://b.id www.c.id budi@d.id`, 3},
		{"unsafe anchor still counts", `<a href="javascript:x">x</a>`, 1},
		{"anchor without href", `<a name="x">x</a>`, 0},
		{"upper-case tag", `<A HREF=x>y</A>`, 1},
		{"url inside anchor counted once", `<a href="https://a.id">https://a.id</a>`, 1},
		{"url in script not counted", `<script>http://a.id</script>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testPolicy.CountLinks(tt.in); got != tt.want {
				t.Errorf("CountLinks(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

// TestConcurrent backs the Policy doc's promise; run with -race to mean it.
func TestConcurrent(t *testing.T) {
	want := testPolicy.Comment(benchComment)
	done := make(chan string)
	for range 8 {
		go func() { done <- testPolicy.Comment(benchComment) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Comment differs:\n%q\n%q", got, want)
		}
	}
}

package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"balasan/internal/comment"
	"balasan/internal/wxr"
)

const exportUsage = "balasan export --format wxr|json [--out FILE] [--db FILE]"

// exportCmd writes every article and comment out again: WXR for WordPress,
// or JSON as a full backup an operator can read (emails included).
func exportCmd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("export", exportUsage)
	format := fs.String("format", "wxr", "wxr (for WordPress's importer) or json")
	out := fs.String("out", "", "file to write (default: standard output)")
	db := dbFlag(fs)
	if pos, err := parseArgs(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return badUsage(fs, "export: unexpected argument %q", pos[0])
	} else if *format != "wxr" && *format != "json" {
		return badUsage(fs, "export: --format must be wxr or json, not %q", *format)
	}
	st, cfg, err := openExisting(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" {
		return export(ctx, st, *format, cfg.BaseURL, env.Stdout)
	}
	// Write beside the target and rename at the end, so a failed export
	// never leaves a file that looks complete. 0600: it holds emails.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".balasan-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := export(ctx, st, *format, cfg.BaseURL, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), *out)
}

// export writes the whole database in format to w.
func export(ctx context.Context, st comment.Store, format, baseURL string, w io.Writer) error {
	if format == "json" {
		return exportJSON(ctx, st, baseURL, w)
	}
	xw := wxr.NewWriter(w, "Balasan", baseURL)
	err := st.Export(ctx, func(a comment.Article, cs []comment.Comment) error {
		return xw.WritePost(wxrPostOf(a), wxrCommentsOf(cs))
	})
	if err != nil {
		return err
	}
	return xw.Close()
}

var wxrApproved = map[comment.Status]string{
	comment.Approved: "1", comment.Pending: "0", comment.Spam: "spam", comment.Trash: "trash",
}

func wxrPostOf(a comment.Article) wxr.Post {
	p := wxr.Post{ID: a.Key, Title: a.Title, Link: a.URL, Status: "publish", CommentStatus: "open"}
	if a.State == comment.StateClosed {
		p.CommentStatus = "closed"
	}
	return p
}

// wxrCommentsOf keeps our ids, which WordPress's importer maps to its own;
// ours grow with time, so parents come before replies as it needs. Staff
// comments carry user id 1, so they are staff again on the way back.
func wxrCommentsOf(cs []comment.Comment) []wxr.Comment {
	out := make([]wxr.Comment, 0, len(cs))
	for _, c := range cs {
		x := wxr.Comment{ID: c.ID, ParentID: c.ParentID, Author: c.Author, AuthorEmail: c.Email,
			AuthorURL: c.AuthorURL, AuthorIP: c.IP, DateGMT: c.CreatedAt, Content: c.Raw,
			Approved: wxrApproved[c.Status], Type: "comment"}
		if c.Staff {
			x.UserID = 1
		}
		out = append(out, x)
	}
	return out
}

// jsonArticle and jsonComment are the JSON export: everything a moderator
// sees, so it doubles as a readable backup.
type jsonArticle struct {
	Key           string        `json:"key"`
	URL           string        `json:"url"`
	Title         string        `json:"title"`
	CommentStatus string        `json:"comment_status"`
	CreatedAt     string        `json:"created_at"`
	Comments      []jsonComment `json:"comments"`
}

type jsonComment struct {
	comment.Record
	PrevStatus string   `json:"prev_status,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	SpamScore  *float64 `json:"spam_score,omitempty"`
	Staff      bool     `json:"staff"`
	UpdatedAt  string   `json:"updated_at"`
}

func exportJSON(ctx context.Context, st comment.Store, baseURL string, out io.Writer) error {
	w := bufio.NewWriter(out)
	head, _ := json.Marshal(map[string]any{"format": "balasan-export", "version": 1,
		"base_url": baseURL, "exported_at": time.Now().UTC().Format(time.RFC3339)})
	// The header object is reopened to append the articles array, so the
	// whole document streams one article at a time.
	fmt.Fprintf(w, "%s,\n\"articles\": [", head[:len(head)-1])
	first := true
	err := st.Export(ctx, func(a comment.Article, cs []comment.Comment) error {
		ja := jsonArticle{Key: a.Key, URL: a.URL, Title: a.Title, CommentStatus: string(a.State),
			CreatedAt: a.CreatedAt.UTC().Format(time.RFC3339), Comments: make([]jsonComment, 0, len(cs))}
		for _, c := range cs {
			ja.Comments = append(ja.Comments, jsonComment{Record: comment.NewRecord(c), PrevStatus: string(c.PrevStatus),
				Reason: c.Reason, SpamScore: c.SpamScore, Staff: c.Staff, UpdatedAt: c.UpdatedAt.UTC().Format(time.RFC3339)})
		}
		b, err := json.Marshal(ja)
		if err != nil {
			return err
		}
		if !first {
			w.WriteString(",")
		}
		first = false
		w.WriteString("\n")
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	w.WriteString("\n]}\n")
	return w.Flush()
}

package comment

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// AnonymousName replaces the name of a reader whose data was erased, and
// names an imported comment that had none.
const AnonymousName = "Anonim"

// Audit actions of readers' rights. The address itself is never written
// to the log, only how many comments were concerned.
const (
	AuditPrivacyExport = "privacy_export"
	AuditPrivacyErase  = "privacy_erase"
	AuditPrivacyDelete = "privacy_delete"
)

// Record is one comment as its author receives it in a personal-data
// export, as WordPress's exporter lists it.
type Record struct {
	ID          int64  `json:"id"`
	ArticleKey  string `json:"article"`
	ParentID    int64  `json:"parent_id"`
	Author      string `json:"author"`
	Email       string `json:"email"`
	AuthorURL   string `json:"author_url"`
	IP          string `json:"ip"`
	UserAgent   string `json:"user_agent"`
	Content     string `json:"content"`
	ContentHTML string `json:"content_html"`
	Status      string `json:"status"`
	CreatedAt   string `json:"created_at"`
}

// NewRecord turns a comment into its export record.
func NewRecord(c Comment) Record {
	return Record{ID: c.ID, ArticleKey: c.ArticleKey, ParentID: c.ParentID, Author: c.Author, Email: c.Email,
		AuthorURL: c.AuthorURL, IP: c.IP, UserAgent: c.UserAgent, Content: c.Raw, ContentHTML: c.HTML,
		Status: string(c.Status), CreatedAt: c.CreatedAt.UTC().Format(time.RFC3339)}
}

func cleanEmail(email string) (string, error) {
	email = strings.TrimSpace(email)
	if email == "" || len(email) > 254 || !strings.Contains(email, "@") {
		return "", &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldEmail: "email_invalid"}}
	}
	return email, nil
}

// PersonalData returns every comment written with email, for its author,
// and records the request in the audit log.
func (s *Service) PersonalData(ctx context.Context, email string, by Moderator) ([]Record, error) {
	email, err := cleanEmail(email)
	if err != nil {
		return nil, err
	}
	cs, err := s.Store.CommentsByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	out := make([]Record, 0, len(cs))
	for _, c := range cs {
		out = append(out, NewRecord(c))
	}
	a := s.audit(by, AuditPrivacyExport, 0, "")
	a.Detail = "comments: " + strconv.Itoa(len(out))
	if err := s.Store.RecordAudit(ctx, a); err != nil {
		return nil, err
	}
	return out, nil
}

// Erase anonymises every comment written with email (or deletes them with
// del), records it in the audit log, and drops the touched articles from
// the public caches. It returns how many comments were concerned.
func (s *Service) Erase(ctx context.Context, email string, del bool, by Moderator) (int, error) {
	email, err := cleanEmail(email)
	if err != nil {
		return 0, err
	}
	action := AuditPrivacyErase
	if del {
		action = AuditPrivacyDelete
	}
	n, articles, err := s.Store.EraseByEmail(ctx, email, del, s.audit(by, action, 0, ""))
	if err != nil {
		return 0, err
	}
	for _, key := range articles {
		for _, f := range s.Changed {
			f(key)
		}
	}
	return n, nil
}

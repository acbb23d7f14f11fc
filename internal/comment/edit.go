package comment

import (
	"context"
	"strings"
	"unicode/utf8"
)

// checkText cleans a moderator's text and turns it into safe HTML with the
// same policy as readers' comments.
func (s *Service) checkText(raw string) (clean, html string, err error) {
	clean = cleanText(raw)
	switch {
	case strings.TrimSpace(clean) == "":
		return "", "", &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldContent: "comment_required"}}
	case utf8.RuneCountInString(clean) > MaxContent:
		return "", "", &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldContent: "comment_too_long"}}
	}
	if html = s.Sanitizer.Comment(clean); html == "" {
		return "", "", &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldContent: "comment_required"}}
	}
	return clean, html, nil
}

// Edit replaces a comment's text, sanitised again through the same
// policy, and records who changed it.
func (s *Service) Edit(ctx context.Context, id int64, raw string, by Moderator) (Comment, error) {
	c, err := s.Store.Comment(ctx, id)
	if err != nil {
		return Comment{}, err
	}
	if c.Raw, c.HTML, err = s.checkText(raw); err != nil {
		return Comment{}, err
	}
	c.UpdatedAt = s.now()
	if err := s.Store.UpdateContent(ctx, &c, s.audit(by, "edit", c.ID, c.ArticleKey)); err != nil {
		return Comment{}, err
	}
	for _, f := range s.Changed {
		f(c.ArticleKey)
	}
	return c, nil
}

// Reply publishes a moderator's answer to a comment at once, marked as
// staff. As in WordPress, replying to a pending comment approves it first,
// so the answer never hangs under a comment readers cannot see; a comment
// in spam or trash cannot be answered.
func (s *Service) Reply(ctx context.Context, parentID int64, raw string, by Moderator) (Comment, error) {
	// The text is checked first: a refused reply must not have approved
	// the comment it answers.
	text, html, err := s.checkText(raw)
	if err != nil {
		return Comment{}, err
	}
	parent, err := s.Store.Comment(ctx, parentID)
	if err != nil {
		return Comment{}, err
	}
	switch parent.Status {
	case Pending:
		if parent, err = s.Moderate(ctx, parentID, ActApprove, by); err != nil {
			return Comment{}, err
		}
	case Approved:
	default:
		return Comment{}, &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldParent: "parent_invalid"}}
	}
	c := Comment{ArticleKey: parent.ArticleKey, ParentID: parent.ID, Author: by.Name(),
		Status: Approved, Staff: true, CreatedAt: s.now()}
	c.UpdatedAt = c.CreatedAt
	c.Raw, c.HTML = text, html
	e := Event{Kind: "new", Comment: c, Moderator: by.Username}
	if err := s.Store.CreateStaffComment(ctx, &c, s.audit(by, "reply", 0, c.ArticleKey), s.jobs(e)); err != nil {
		return Comment{}, err
	}
	e.Comment = c
	s.changed(ctx, e)
	return c, nil
}
